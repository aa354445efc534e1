/** tao4j-chain: Subtensor JSON-RPC clients, storage queries, extrinsics and the Subtensor API. */
module io.tao4j.chain {
    exports io.tao4j.chain;
    exports io.tao4j.chain.events;
    exports io.tao4j.chain.rpc;
    exports io.tao4j.chain.storage;
    exports io.tao4j.chain.subtensor;
    exports io.tao4j.chain.tx;

    requires transitive io.tao4j.crypto;
    requires transitive io.tao4j.scale;
    requires transitive io.tao4j.drand;
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;
}
