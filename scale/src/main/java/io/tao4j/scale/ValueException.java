package io.tao4j.scale;

/** A dynamic value that does not fit its type; the message starts with the value's path, e.g. {@code set_weights.dests[3]}. */
public class ValueException extends ScaleException {
    private final String path;

    public ValueException(String path, String message) {
        super((path == null || path.isEmpty() ? "value" : path) + ": " + message);
        this.path = path;
    }

    /** Where in the value the problem is, e.g. "set_weights.dests[3]". */
    public String path() {
        return path;
    }
}
