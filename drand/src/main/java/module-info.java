/** tao4j-drand: the drand HTTP client, beacon verification, timelock encryption (tlock). */
module io.tao4j.drand {
    exports io.tao4j.drand;
    exports io.tao4j.drand.tlock;

    requires transitive io.tao4j.crypto;
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;
}
