package io.tao4j.localnet.runtime;

/**
 * A call that failed in the runtime: {@code pallet} and {@code error} are the names of a variant of
 * that pallet's Error enum as real Subtensor's metadata declares it (e.g. SubtensorModule /
 * SettingWeightsTooFast), so the node can encode {@code DispatchError::Module} with the indices of
 * the metadata it serves. State changes made by the failing call are discarded by the caller.
 */
public final class DispatchException extends RuntimeException {
    private final String pallet;
    private final String error;

    public DispatchException(String pallet, String error) {
        super(pallet.isEmpty() ? error : pallet + "." + error);
        this.pallet = pallet;
        this.error = error;
    }

    /** {@code DispatchError::BadOrigin} (not a module error): the call's origin is not allowed. */
    public static DispatchException badOrigin() {
        return new DispatchException(BAD_ORIGIN, "BadOrigin");
    }

    /** Pallet name used for {@link #badOrigin()}. */
    public static final String BAD_ORIGIN = "";

    public boolean isBadOrigin() {
        return pallet.isEmpty();
    }

    public static DispatchException subtensor(String error) {
        return new DispatchException("SubtensorModule", error);
    }

    public String pallet() {
        return pallet;
    }

    public String error() {
        return error;
    }
}
