package io.tao4j.mantis.validator;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisChallenge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The one place that says which scoring engine a {@link Protocol} gets (today):
 * <ul>
 *   <li>{@code 2e9bc5b} → the 2e9bc5b salience engine ({@link SalienceScorer}) over all configured challenges —
 *       the reference's scoring at that commit;</li>
 *   <li>{@code bcff57b} → the HEAD scorers are not wired in yet, so the same 2e9bc5b engine, restricted to the
 *       single-asset challenges it can score (ETH, ETHHITFIRST, ETHLBFGS, BTCLBFGS, CADUSD, NZDUSD, CHFUSD,
 *       XAGUSD with bcff57b's weights), with 2e9bc5b semantics; MULTIBREAKOUT, MULTIXSEC, FUNDINGXSEC and
 *       TRADEMIX are not scored. {@link #scorer} says so in a WARN at start-up.</li>
 * </ul>
 * When the HEAD engine exists it is plugged in here and nowhere else.
 */
public final class ProtocolScoring {
    private static final Logger log = LoggerFactory.getLogger(ProtocolScoring.class);

    /**
     * What a configuration will be scored with.
     *
     * @param engine    a short name of the engine ({@code "2e9bc5b"})
     * @param scored    the challenges the engine scores, in the old type it takes
     * @param notScored configured challenges it leaves out
     * @param headSemantics true when the scoring is the protocol's own (false: a stand-in until the HEAD engine)
     */
    public record Plan(Protocol protocol, String engine, List<MantisChallenge> scored, List<Challenge> notScored,
                       boolean headSemantics) {
        public Plan {
            scored = List.copyOf(scored);
            notScored = List.copyOf(notScored);
        }

        /** The start-up warning, or null when the protocol is scored by its own engine. */
        public String warning() {
            if (headSemantics) {
                return null;
            }
            return "MANTIS protocol " + protocol.id() + ": its own scorers are not available yet; scoring "
                    + scored.stream().map(MantisChallenge::ticker).toList() + " with the " + engine
                    + " engine (2e9bc5b semantics, " + protocol.id() + " weights)"
                    + (notScored.isEmpty() ? "" : "; not scored: " + notScored.stream().map(Challenge::ticker).toList());
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
            return new Plan(p, "2e9bc5b", config.legacyChallenges(), config.nonLegacyChallenges(), false);
        }
        throw new IllegalArgumentException("no scoring registered for MANTIS protocol " + p.id());
    }

    /**
     * The {@link Scorer} of {@code config} on the ledger file; logs the plan's warning when the protocol's own
     * scorers are not available.
     *
     * @throws IllegalArgumentException when none of the configured challenges can be scored
     */
    public static Scorer scorer(ValidatorConfig config, Path ledgerFile) {
        Plan plan = plan(config);
        if (plan.scored().isEmpty()) {
            throw new IllegalArgumentException("none of the configured challenges " + config.challenges().stream()
                    .map(Challenge::ticker).toList() + " can be scored under protocol " + config.protocol().id()
                    + " yet");
        }
        if (plan.warning() != null) {
            log.warn(plan.warning());
        }
        return new SalienceScorer(ledgerFile, plan.scored(), plan.protocol());
    }
}
