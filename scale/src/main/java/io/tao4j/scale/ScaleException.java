package io.tao4j.scale;

/**
 * Malformed or unencodable SCALE data. The message names what was being read or written and, for
 * byte input, the offset where it went wrong ({@link #offset()}, -1 when no byte position applies).
 */
public class ScaleException extends RuntimeException {
    private final long offset;

    public ScaleException(String message) {
        super(message);
        this.offset = -1;
    }

    public ScaleException(String message, long offset) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    public ScaleException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
    }

    /** Byte offset in the input where decoding failed, or -1. */
    public long offset() {
        return offset;
    }
}
