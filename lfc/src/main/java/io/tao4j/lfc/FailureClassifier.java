package io.tao4j.lfc;

import io.tao4j.chain.subtensor.SetWeightsResult;
import io.tao4j.chain.tx.TxOutcome;

import java.util.List;
import java.util.Locale;

/**
 * Classifies failed weight settings. The text rules are the reference's: "too soon to commit" phrases are benign;
 * "maximum recursion depth exceeded" and "invalid transaction" are critical; anything else is unknown. Because a
 * Subtensor that is asked too early either refuses the transaction in the pool ({@code 1010 Invalid Transaction,
 * Custom error: 6}) or fails it in the block ({@code SettingWeightsTooFast}), those structured outcomes are
 * recognised first and counted as benign rate limits rather than as critical invalid transactions.
 */
public final class FailureClassifier {
    private static final List<String> BENIGN = List.of(
            "no attempt made. perhaps it is too soon to commit weights", "too soon to commit weights", "too soon to commit");
    private static final List<String> CRITICAL = List.of(
            "maximum recursion depth exceeded", "invalid transaction", "subtensor returned: invalid transaction");
    /** Module errors that only mean "too early" (rate limits). */
    private static final List<String> RATE_LIMIT_ERRORS = List.of(
            "SettingWeightsTooFast", "CommittingWeightsTooFast", "TxRateLimitExceeded", "WeightsCommitNotAllowed");

    private FailureClassifier() {
    }

    /** The reference's text classification. A null or empty message is unknown. */
    public static FailureType classify(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        for (String p : BENIGN) {
            if (m.contains(p)) {
                return FailureType.BENIGN;
            }
        }
        for (String p : CRITICAL) {
            if (m.contains(p)) {
                return FailureType.CRITICAL;
            }
        }
        return FailureType.UNKNOWN;
    }

    /** Classification of a failed {@link SetWeightsResult}, using its status and outcome before its text. */
    public static FailureType classify(SetWeightsResult r) {
        if (r.status() == SetWeightsResult.Status.TOO_SOON) {
            return FailureType.BENIGN;
        }
        if (r.outcome() instanceof TxOutcome.Rejected rej && rej.isRateLimited()) {
            return FailureType.BENIGN;
        }
        if (r.outcome() instanceof TxOutcome.Included inc && inc.error() != null
                && RATE_LIMIT_ERRORS.contains(inc.error().name())) {
            return FailureType.BENIGN;
        }
        return classify(r.message());
    }

    /** A one-line description of a failed result for logs and alerts. */
    public static String describe(SetWeightsResult r) {
        String base = r.message() == null ? r.status().name() : r.message();
        if (r.outcome() instanceof TxOutcome.Rejected rej) {
            return "Subtensor returned: " + rej.message();
        }
        if (r.outcome() instanceof TxOutcome.Included inc && inc.error() != null) {
            return base + " (" + inc.error().qualifiedName() + ")";
        }
        return base;
    }
}
