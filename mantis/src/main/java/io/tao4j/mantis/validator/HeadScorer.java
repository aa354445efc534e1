package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.HeadDatalogReader;
import io.tao4j.mantis.ledger.HeadTrainingData;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Scorer} of MANTIS HEAD ({@code bcff57b}), {@code calc_worker}'s step 1: the ledger file's training
 * data up to a block ({@link HeadDatalogReader}, its own read-only connection, restricted to the active hotkeys)
 * scored by {@link HeadSalienceEngine} (the reference's {@code multi_salience}) over the configured challenges: all
 * of the ledger's training data (the 8 single-asset series, the multi-asset series, the breakout samples). A
 * challenge without a HEAD scorer in the engine produces no output, so its weight goes to the challenges that do,
 * as the reference's aggregator does for empty challenges.
 */
public final class HeadScorer implements Scorer {
    private final Path ledgerFile;
    private final Protocol protocol;
    private final Set<String> configured;
    private final HeadSalienceEngine engine;

    /** @param challenges the configured challenges (a subset of the protocol's; others are left out) */
    public HeadScorer(Path ledgerFile, Protocol protocol, List<Challenge> challenges) {
        this(ledgerFile, protocol, challenges,
                new HeadSalienceEngine(protocol, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))));
    }

    /** With a given engine (tests: the engine with recording scorers). */
    HeadScorer(Path ledgerFile, Protocol protocol, List<Challenge> challenges, HeadSalienceEngine engine) {
        this.ledgerFile = ledgerFile;
        this.protocol = protocol;
        this.configured = Set.copyOf(challenges.stream().map(Challenge::ticker).toList());
        this.engine = engine;
    }

    /** Every hotkey in the ledger (no active-set filter). */
    @Override
    public SalienceResult salience(long uptoBlock) {
        return salience(uptoBlock, null);
    }

    /**
     * @param uptoBlock the reference's {@code max_block_number} ({@code block − 500}); negative on a local network
     *                  whose history precedes its genesis; 0 means no limit, as Python's falsy 0 does upstream
     * @param active    the metagraph's hotkeys, or null for every hotkey
     */
    @Override
    public SalienceResult salience(long uptoBlock, Set<String> active) {
        long t0 = System.nanoTime();
        HeadTrainingData head = HeadDatalogReader.read(ledgerFile, protocol, uptoBlock, active);
        HeadSalienceEngine.Result r = engine.multiSalience(HeadSalienceEngine.Input.of(head).only(configured), Map.of());
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (HeadSalienceEngine.ChallengeResult c : r.challenges()) {
            if (c.seconds() > 0) {
                seconds.put(c.ticker(), c.seconds());
            }
        }
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        return new SalienceResult(r.salience(), r.perChallenge(), seconds);
    }
}
