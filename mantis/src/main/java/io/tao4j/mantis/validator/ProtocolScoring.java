package io.tao4j.mantis.validator;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The one place that says which scoring engine a {@link Protocol} gets:
 * <ul>
 *   <li>{@code 2e9bc5b} → the 2e9bc5b salience engine ({@link SalienceScorer}) over all configured challenges —
 *       the reference's scoring at that commit;</li>
 *   <li>{@code bcff57b} → the HEAD engine ({@link HeadScorer}: {@code HeadSalienceEngine} over the HEAD ledger's
 *       training data, active hotkeys only) with the HEAD scorers: binary, HITFIRST and LBFGS for the 8 single-asset
 *       challenges, MULTI-BREAKOUT, and the multi-asset scorers registered in
 *       {@code HeadSalienceEngine.defaultMultiAssetScorers()}. A configured challenge without a scorer there produces
 *       no output and its weight goes to the others, as the reference's aggregator does for empty challenges;
 *       {@link #scorer} says so in a WARN at start-up.</li>
 * </ul>
 * The cli's {@code salience} and {@code bench-salience} commands use the same plan ({@link #plan}); the 2e9bc5b
 * engine standing in for a later protocol ({@link #engine2e9bc5bPlan}) is kept for comparisons.
 */
public final class ProtocolScoring {
    private static final Logger log = LoggerFactory.getLogger(ProtocolScoring.class);

    /**
     * What a configuration will be scored with.
     *
     * @param engine    a short name of the engine ({@code "2e9bc5b"}, {@code "HEAD (bcff57b)"})
     * @param scored    the single-asset challenges the engine scores, in the old type the 2e9bc5b engine takes
     * @param notScored configured challenges it has no scorer for
     * @param headSemantics true when the scoring is the protocol's own (false: the 2e9bc5b engine standing in)
     */
    public record Plan(Protocol protocol, String engine, List<MantisChallenge> scored, List<Challenge> notScored,
                       boolean headSemantics) {
        public Plan {
            scored = List.copyOf(scored);
            notScored = List.copyOf(notScored);
        }

        /** The start-up warning, or null when every configured challenge has a scorer of the protocol's own. */
        public String warning() {
            if (!headSemantics) {
                return "MANTIS protocol " + protocol.id() + ": its own scorers are not used here; scoring "
                        + scored.stream().map(MantisChallenge::ticker).toList() + " with the " + engine
                        + " engine (2e9bc5b semantics, " + protocol.id() + " weights)"
                        + (notScored.isEmpty() ? "" : "; not scored: " + notScored.stream().map(Challenge::ticker).toList());
            }
            if (notScored.isEmpty()) {
                return null;
            }
            return "MANTIS protocol " + protocol.id() + ": the " + engine + " engine has no scorer yet for "
                    + notScored.stream().map(Challenge::ticker).toList()
                    + " (issue #16): they produce no output and their weight goes to the scored challenges";
        }
    }

    private ProtocolScoring() {
    }

    /** What {@code config} will be scored with. */
    public static Plan plan(ValidatorConfig config) {
        Protocol p = config.protocol();
        if (p == Protocol.P2E9BC5B) {
            return new Plan(p, "2e9bc5b", config.legacyChallenges(), config.nonLegacyChallenges(), true);
        }
        if (p == Protocol.BCFF57B) {
            HeadSalienceEngine engine = new HeadSalienceEngine(p, 1);
            List<Challenge> without = config.challenges().stream().filter(c -> !engine.hasScorer(c)).toList();
            return new Plan(p, "HEAD (bcff57b)", config.legacyChallenges(), without, true);
        }
        throw new IllegalArgumentException("no scoring registered for MANTIS protocol " + p.id());
    }

    /**
     * What the offline tools that run the 2e9bc5b engine on a ledger (the cli's {@code salience} and
     * {@code bench-salience}) score {@code config} with: at 2e9bc5b that version's scoring, at later versions a
     * stand-in with 2e9bc5b semantics over the single-asset challenges, which the warning says.
     */
    public static Plan engine2e9bc5bPlan(ValidatorConfig config) {
        Protocol p = config.protocol();
        return new Plan(p, "2e9bc5b", config.legacyChallenges(), config.nonLegacyChallenges(), p == Protocol.P2E9BC5B);
    }

    /**
     * The {@link Scorer} of {@code config} on the ledger file; logs the plan's warning (challenges without a
     * scorer).
     *
     * @throws IllegalArgumentException when none of the configured challenges can be scored
     */
    public static Scorer scorer(ValidatorConfig config, Path ledgerFile) {
        Plan plan = plan(config);
        if (plan.notScored().size() == config.challenges().size()) {
            throw new IllegalArgumentException("none of the configured challenges " + config.challenges().stream()
                    .map(Challenge::ticker).toList() + " can be scored under protocol " + config.protocol().id()
                    + " yet");
        }
        if (plan.warning() != null) {
            log.warn(plan.warning());
        }
        if (plan.protocol() == Protocol.BCFF57B) {
            return new HeadScorer(ledgerFile, plan.protocol(), config.challenges());
        }
        return new SalienceScorer(ledgerFile, plan.scored(), plan.protocol());
    }
}
