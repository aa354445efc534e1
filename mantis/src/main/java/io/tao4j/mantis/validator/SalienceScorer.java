package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The 2e9bc5b {@link Scorer}: reads the ledger file's data up to a block ({@link DatalogReader}) and computes the
 * 2e9bc5b multi-challenge salience on it ({@link SalienceEngine#multiSalience}) for the given single-asset
 * challenges, with the protocol's seed and sampling. {@link ProtocolScoring} decides which protocol gets it.
 */
public final class SalienceScorer implements Scorer {
    private final Path ledgerFile;
    private final List<MantisChallenge> challenges;
    private final Protocol.Constants constants;
    private final SalienceEngine engine = new SalienceEngine();

    public SalienceScorer(Path ledgerFile, List<MantisChallenge> challenges, Protocol protocol) {
        this.ledgerFile = ledgerFile;
        this.challenges = List.copyOf(challenges);
        this.constants = protocol.constants();
    }

    /** The 2e9bc5b engine over {@code challenges} (a 2e9bc5b validator). */
    public SalienceScorer(Path ledgerFile, List<MantisChallenge> challenges) {
        this(ledgerFile, challenges, Protocol.P2E9BC5B);
    }

    @Override
    public SalienceResult salience(long uptoBlock) {
        int every = constants.sampleEvery();
        return engine.multiSalience(DatalogReader.read(ledgerFile, challenges, OptionalLong.of(uptoBlock / every)),
                new SalienceEngine.Options(challenges, constants.seed(), every, true));
    }
}
