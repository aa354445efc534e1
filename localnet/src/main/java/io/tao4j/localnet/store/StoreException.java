package io.tao4j.localnet.store;

/** A request the store refuses: HTTP status plus the S3 error code and message sent back as XML. */
final class StoreException extends RuntimeException {
    final int status;
    final String code;

    StoreException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
