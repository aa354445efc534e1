package io.tao4j.chain.rpc;

/**
 * A failed RPC: the node answered with a JSON-RPC error ({@link #code()} and {@link #data()} set),
 * or the call could not be made (unreachable endpoint, timeout, connection lost; code 0).
 */
public class RpcException extends RuntimeException {
    private final int code;
    private final String data;

    public RpcException(String message, int code, String data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
        this.code = 0;
        this.data = null;
    }

    /** JSON-RPC error code, or 0 for transport failures. */
    public int code() {
        return code;
    }

    /** The error's {@code data} member as text (Substrate puts the detailed reason there), or null. */
    public String data() {
        return data;
    }
}
