package io.tao4j.chain.tx;

import io.tao4j.chain.events.DispatchErrorInfo;
import io.tao4j.chain.events.EventRecord;
import io.tao4j.chain.rpc.TransactionStatus;

import java.util.List;

/**
 * What became of a submitted extrinsic. {@link #isSuccess()} is true only for {@link Included} without a dispatch
 * error and for {@link Submitted} (fire-and-forget, no inclusion check).
 */
public sealed interface TxOutcome {

    /** blake2-256 of the extrinsic bytes, "0x" hex. */
    String extrinsicHash();

    boolean isSuccess();

    /** A one-line description for logs (never contains key material). */
    String message();

    /** Accepted into the pool; the caller did not wait for inclusion (the SDK's wait_for_inclusion=False path). */
    record Submitted(String extrinsicHash) implements TxOutcome {
        public boolean isSuccess() {
            return true;
        }

        public String message() {
            return "submitted " + extrinsicHash + " (not waiting for inclusion)";
        }
    }

    /**
     * Included in {@code blockHash} at {@code index}; {@code error} is null on ExtrinsicSuccess, else the resolved
     * dispatch error of ExtrinsicFailed. {@code finalized} says whether finalization was awaited and seen.
     */
    record Included(String extrinsicHash, String blockHash, boolean finalized, int index, List<EventRecord> events,
                    DispatchErrorInfo error) implements TxOutcome {
        public boolean isSuccess() {
            return error == null;
        }

        public String message() {
            return (error == null ? "success" : "failed with " + error.qualifiedName()) + " in block " + blockHash
                    + " at index " + index + (finalized ? " (finalized)" : "");
        }
    }

    /**
     * Refused at submission by the transaction pool (JSON-RPC error, e.g. 1010 "Invalid Transaction" with data
     * "Custom error: 6"). {@code customCode} is the n of "Custom error: n" (null otherwise) and {@code reason} its
     * Subtensor name from {@link PoolRejection}, or the node's text.
     */
    record Rejected(String extrinsicHash, int code, String rpcMessage, String data, Integer customCode,
                    String reason) implements TxOutcome {
        public boolean isSuccess() {
            return false;
        }

        public String message() {
            return "rejected by the pool: " + rpcMessage + (data == null ? "" : " (" + data + ")")
                    + (reason == null ? "" : ": " + reason);
        }

        /** True for Subtensor's rate-limit rejection (custom code 6: SettingWeightsTooFast and friends). */
        public boolean isRateLimited() {
            return customCode != null && customCode == PoolRejection.RATE_LIMIT_EXCEEDED;
        }
    }

    /** The watch ended without inclusion: dropped, invalid, usurped, or finality timed out / retracted. */
    record NotIncluded(String extrinsicHash, TransactionStatus.Kind status, String detail) implements TxOutcome {
        public boolean isSuccess() {
            return false;
        }

        public String message() {
            return "not included: " + status + (detail == null ? "" : " " + detail);
        }
    }
}
