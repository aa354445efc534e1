package io.tao4j.chain.subtensor;

import io.tao4j.chain.tx.TxOutcome;

/**
 * Outcome of {@link Subtensor#setWeights}: {@code success} and an SDK-style {@code message}; {@code status} tells
 * the cases apart; {@code outcome} is the submission result when something was submitted (else null).
 */
public record SetWeightsResult(boolean success, Status status, String message, TxOutcome outcome) {

    public enum Status {
        /** Included without error, or accepted by the pool when not waiting. */
        SUCCESS,
        /** The hotkey has no uid on the subnet; nothing was sent. */
        NOT_REGISTERED,
        /** The SDK's client-side rate gate said it is too early; nothing was sent. */
        TOO_SOON,
        /** Commit-reveal subnet: the timelocked commit was included (or accepted when not waiting). */
        COMMITTED,
        /** After weight conversion nothing is left to send (all-zero weights). */
        EMPTY_WEIGHTS,
        /** Refused by the transaction pool at submission (e.g. 1010 Custom error 6 = rate limit on newer runtimes). */
        REJECTED,
        /** Included and failed (e.g. ExtrinsicFailed SubtensorModule.SettingWeightsTooFast on older runtimes). */
        FAILED,
        /** Dropped/invalid/usurped before inclusion. */
        NOT_INCLUDED
    }
}
