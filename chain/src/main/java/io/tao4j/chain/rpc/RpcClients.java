package io.tao4j.chain.rpc;

import java.net.URI;
import java.time.Duration;

/** Opens the right transport for an endpoint URL. */
public final class RpcClients {
    private RpcClients() {
    }

    /**
     * ws:// and wss:// → {@link WsRpcClient} (connects now, subscriptions, reconnects);
     * http:// and https:// → {@link HttpRpcClient} (no subscriptions).
     *
     * @param callTimeout default per-call timeout
     * @throws RpcConnectionException if a WebSocket endpoint cannot be reached
     * @throws IllegalArgumentException for any other scheme
     */
    public static RpcClient open(URI endpoint, Duration callTimeout) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
        return switch (scheme) {
            case "ws", "wss" -> WsRpcClient.connect(endpoint, WsRpcClient.Options.defaults().withCallTimeout(callTimeout));
            case "http", "https" -> new HttpRpcClient(endpoint, callTimeout);
            default -> throw new IllegalArgumentException("endpoint must start with ws://, wss://, http:// or https://, got '" + endpoint + "'");
        };
    }
}
