package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import io.tao4j.mantis.collect.CommitUrlRules;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.ledger.DatalogFixture;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SyntheticData;
import io.tao4j.mantis.salience.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on a running local network whose subnet 123 requires commit-reveal: a bootstrapped history
 * (synthetic ETHLBFGS data whose hotkeys are the subnet's, one of them a planted informative miner) ends just
 * before genesis (negative blocks, as the demo's archive), the loop is driven by the chain's own blocks, its
 * background calculation saves weights, the set interval commits them timelocked to the local drand beacon
 * (through {@link Subtensor#setWeights}, the SDK's path), and the chain reveals them when the pulse of the
 * reveal round is stored: the planted miner's UID then holds the largest weight on chain.
 */
class ValidatorWeightsLocalnetTest {
    static final int HISTORY = 15000;

    @Test
    void plantedInformativeMinerGetsTheLargestWeightOnChainThroughCommitReveal(@TempDir Path dir) throws Exception {
        Sr25519KeyPair validator = Sr25519KeyPair.fromUri("//Bob//mantis");
        String informative = Sr25519KeyPair.fromUri("//Eve//miner2").ss58();
        Localnet.Config config = Localnet.Config.defaults().fast().onFreePorts();
        config.genesis().subnets.stream().filter(sn -> sn.netuid == 123).forEach(sn -> sn.commitReveal = true);
        try (Localnet net = Localnet.start(config);
             Subtensor connected = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults())) {
            LocalnetDefaults local = LocalnetDefaults.fetch(LocalnetDiscovery.documentFor(URI.create(net.rpcUrl())));
            Subtensor st = connected.withTimelock(local.drand(), local.blockTimeSeconds());
            assertThat(connected.timelockChain()).isSameAs(io.tao4j.drand.ChainInfo.QUICKNET); // copy-on-write: connected is unchanged
            assertThat(st.commitRevealEnabled(123, null)).isTrue();
            SubtensorValidatorChain real = new SubtensorValidatorChain(st, validator, 123);
            Neurons mg = real.metagraph(0);
            List<String> sorted = new ArrayList<>(mg.hotkeys());
            sorted.sort(null);
            List<String> roles = new ArrayList<>();
            for (String hk : sorted) {
                roles.add(hk.equals(informative) ? "signal" : "noise");
            }
            MantisChallenge lbfgs = MantisConfig.byTicker("ETHLBFGS").orElseThrow();
            ChallengeSeries gen = SyntheticData.generate(21, HISTORY, roles, List.of(lbfgs)).series("ETHLBFGS").orElseThrow();
            ChallengeSeries renamed = ChallengeSeries.ofPrices(sorted, gen.dim(), gen.embeddingsAsFloat(), gen.prices());
            Path db = dir.resolve("ledger.db");
            DatalogFixture.write(db, new TrainingData(Map.of("ETHLBFGS", renamed)), null);
            beforeGenesis(db);

            AtomicReference<String> outcome = new AtomicReference<>();
            MantisValidator.Chain chain = new MantisValidator.Chain() {
                @Override
                public Neurons metagraph(long block) {
                    return real.metagraph(block);
                }

                @Override
                public Map<String, String> commitments() {
                    return real.commitments();
                }

                @Override
                public String setWeights(int[] uids, double[] weights) {
                    String o = real.setWeights(uids, weights);
                    outcome.set(o);
                    return o;
                }
            };
            PayloadCollector collector = new PayloadCollector(new CommitUrlRules(local.allowedHosts()), PayloadCollector.Limits.defaults());
            SalienceEngine engine = new SalienceEngine();
            ValidatorConfig cfg = new ValidatorConfig(List.of(lbfgs), 50, 60, MantisConfig.TASK_INTERVAL);
            try (Ledger ledger = Ledger.open(db, List.of(lbfgs));
                 MantisValidator loop = new MantisValidator(chain, new LatestPrices(URI.create(local.priceUrl())),
                         c -> collector.collect(c, Duration.ofSeconds(10)), ledger, (l, b) -> new Decryptor.Report(0, Map.of(), 0, 0),
                         b -> engine.multiSalience(DatalogReader.read(db, List.of(lbfgs), OptionalLong.of(b / MantisConfig.SAMPLE_EVERY)),
                                 new SalienceEngine.Options(List.of(lbfgs), MantisConfig.SEED, MantisConfig.SAMPLE_EVERY, true)),
                         cfg, false)) {
                int myUid = mg.uids().get(mg.hotkeys().indexOf(validator.ss58()));
                int planted = mg.uids().get(mg.hotkeys().indexOf(informative));
                long last = -1;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                JsonNode onChain = null;
                while (System.nanoTime() < deadline) {
                    long b = st.currentBlock();
                    if (b != last) {
                        last = b;
                        loop.step(b);
                    }
                    if (outcome.get() != null) {
                        onChain = st.client().query("SubtensorModule", "Weights", List.of(123, myUid), null);
                        if (onChain != null && onChain.size() > 0) {
                            break;
                        }
                    }
                    Thread.sleep(50);
                }
                Ledger.SavedWeights w = ledger.latestWeights().orElseThrow();
                assertThat(w.block() % 50).isZero();
                assertThat(w.uids()).isEqualTo(mg.uids());
                assertThat(w.uids().get(argmax(w.weights()))).as("weights " + w.weights()).isEqualTo(planted);
                assertThat(outcome.get()).as("the set interval committed the saved weights").startsWith("COMMITTED");
                assertThat(onChain).as("revealed Weights(123, %d)", myUid).isNotNull().isNotEmpty();
                int topUid = -1;
                long top = -1;
                for (JsonNode pair : onChain) {
                    if (pair.get(1).asLong() > top) {
                        top = pair.get(1).asLong();
                        topUid = pair.get(0).asInt();
                    }
                }
                assertThat(topUid).as("on-chain weights " + onChain).isEqualTo(planted);
                assertThat(loop.stats().weightsSet()).isPositive();
            }
        }
    }

    /** Moves the fixture's rows to the sample indices just before genesis and adds their block rows. */
    static void beforeGenesis(Path db) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE challenge_data SET sidx = sidx - " + (DatalogFixture.FIRST_SIDX + HISTORY));
            s.executeUpdate("CREATE TABLE IF NOT EXISTS blocks (idx INTEGER PRIMARY KEY, block INTEGER NOT NULL)");
            try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO blocks VALUES (?, ?)")) {
                for (int i = 0; i < HISTORY; i++) {
                    p.setLong(1, i);
                    p.setLong(2, -5L * (HISTORY - i));
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static int argmax(List<Double> w) {
        int best = 0;
        for (int i = 1; i < w.size(); i++) {
            if (w.get(i) > w.get(best)) {
                best = i;
            }
        }
        return best;
    }
}
