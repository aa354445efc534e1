package io.tao4j.chain.rpc;

/** No response arrived within the call's timeout (code 0). The request may still execute on the node. */
public class RpcTimeoutException extends RpcException {
    public RpcTimeoutException(String message) {
        super(message, 0, null);
    }
}
