/**
 * tao4j-localnet: an in-process Subtensor dev node, a local drand beacon, a price feed and a payload store.
 * {@code io.tao4j.localnet.meta} (the metadata writer) stays internal.
 */
module io.tao4j.localnet {
    exports io.tao4j.localnet;
    exports io.tao4j.localnet.beacon;
    exports io.tao4j.localnet.http;
    exports io.tao4j.localnet.node;
    exports io.tao4j.localnet.prices;
    exports io.tao4j.localnet.runtime;
    exports io.tao4j.localnet.store;

    // No opens: Jackson databind reads and writes node.Genesis through public fields and constructors of
    // public classes in an exported package, which needs no deep reflection.

    requires transitive io.tao4j.crypto;
    requires transitive io.tao4j.scale;
    requires transitive io.tao4j.chain;
    requires transitive io.tao4j.drand;
    requires transitive com.fasterxml.jackson.databind;
    // node.RpcConnection (public because Jetty instantiates it) implements a Jetty WebSocket API interface
    requires transitive org.eclipse.jetty.websocket.api;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.websocket.server;
    requires org.slf4j;
    requires jdk.httpserver;
}
