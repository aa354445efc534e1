package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@link Scorer} of a validator: reads the ledger file's data up to a block ({@link DatalogReader}) and
 * computes MANTIS's multi-challenge salience on it ({@link SalienceEngine#multiSalience}).
 */
public final class SalienceScorer implements Scorer {
    private final Path ledgerFile;
    private final List<MantisChallenge> challenges;
    private final SalienceEngine engine = new SalienceEngine();

    public SalienceScorer(Path ledgerFile, List<MantisChallenge> challenges) {
        this.ledgerFile = ledgerFile;
        this.challenges = List.copyOf(challenges);
    }

    @Override
    public SalienceResult salience(long uptoBlock) {
        return engine.multiSalience(DatalogReader.read(ledgerFile, challenges, OptionalLong.of(uptoBlock / MantisConfig.SAMPLE_EVERY)),
                new SalienceEngine.Options(challenges, MantisConfig.SEED, MantisConfig.SAMPLE_EVERY, true));
    }
}
