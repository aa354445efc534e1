package io.tao4j.chain.rpc;

/**
 * The transport failed (code 0): the endpoint could not be reached, the connection was lost while a
 * call was in flight, or the client was closed. A call that fails this way may or may not have been
 * executed by the node.
 */
public class RpcConnectionException extends RpcException {
    public RpcConnectionException(String message) {
        super(message, 0, null);
    }

    public RpcConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
