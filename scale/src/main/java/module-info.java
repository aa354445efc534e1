/** tao4j-scale: the SCALE codec and runtime metadata (V14/V15) with its type registry. */
module io.tao4j.scale {
    exports io.tao4j.scale;
    exports io.tao4j.scale.metadata;

    requires io.tao4j.crypto;
    requires transitive com.fasterxml.jackson.databind;
}
