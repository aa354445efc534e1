package io.tao4j.localnet.node;

/**
 * A transaction the pool refuses, reported to the client as a Substrate node reports it: JSON-RPC
 * error {@code code} (1001 bad format, 1010 invalid transaction, 1011 unknown validity,
 * 1013 already imported, 1014 priority too low) with {@code message} and {@code data}.
 */
public final class TxRejection extends RuntimeException {
    public static final int BAD_FORMAT = 1001;
    public static final int INVALID = 1010;
    public static final int UNKNOWN = 1011;
    public static final int ALREADY_IMPORTED = 1013;
    public static final int TOO_LOW_PRIORITY = 1014;

    private final int code;
    private final String data;

    public TxRejection(int code, String message, String data) {
        super(message + (data == null ? "" : ": " + data));
        this.code = code;
        this.data = data;
    }

    /** InvalidTransaction with Substrate's text for the reason. */
    public static TxRejection invalid(String data) {
        return new TxRejection(INVALID, "Invalid Transaction", data);
    }

    public static TxRejection badFormat(String data) {
        return new TxRejection(BAD_FORMAT, "Extrinsic has invalid format", data);
    }

    public int code() {
        return code;
    }

    public String rpcMessage() {
        return switch (code) {
            case BAD_FORMAT -> "Extrinsic has invalid format";
            case INVALID -> "Invalid Transaction";
            case UNKNOWN -> "Unknown Transaction Validity";
            case ALREADY_IMPORTED -> "Transaction Already Imported";
            case TOO_LOW_PRIORITY -> "Priority is too low";
            default -> "Transaction rejected";
        };
    }

    public String data() {
        return data;
    }
}
