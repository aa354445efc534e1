package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
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
 * A bootstrapped history (synthetic ETHLBFGS data whose hotkeys are the local subnet's, one of them a
 * planted informative miner) is read by the loop's background calculation, and the weights are set on the
 * local chain at the next set interval by the validator's hotkey.
 *
 * <p>The history sits at sample indices 1000..15999 (blocks up to 79 995): the loop is driven with block
 * numbers that continue it (80 400 … 81 360), since a local chain cannot be run 80 000 blocks ahead in a
 * unit test; prices, commitments, metagraph and the set-weights extrinsic are the running local network's.
 */
class ValidatorWeightsLocalnetTest {

    @Test
    void plantedInformativeMinerGetsTheLargestWeightOnChain(@TempDir Path dir) throws Exception {
        Sr25519KeyPair validator = Sr25519KeyPair.fromUri("//Bob//mantis");
        String informative = Sr25519KeyPair.fromUri("//Eve//miner2").ss58();
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().onFreePorts());
             WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            Subtensor st = new Subtensor(OnlineClient.connect(ws));
            SubtensorValidatorChain real = new SubtensorValidatorChain(st, validator, 123);
            ValidatorLoop.Neurons mg = real.metagraph(0);
            List<String> sorted = new ArrayList<>(mg.hotkeys());
            sorted.sort(null);
            List<String> roles = new ArrayList<>();
            for (String hk : sorted) {
                roles.add(hk.equals(informative) ? "signal" : "noise");
            }
            MantisChallenge lbfgs = MantisConfig.byTicker("ETHLBFGS").orElseThrow();
            ChallengeSeries gen = SyntheticData.generate(21, 15000, roles, List.of(lbfgs)).series("ETHLBFGS").orElseThrow();
            ChallengeSeries renamed = ChallengeSeries.ofPrices(sorted, gen.dim(), gen.embeddingsAsFloat(), gen.prices());
            Path db = dir.resolve("ledger.db");
            DatalogFixture.write(db, new TrainingData(Map.of("ETHLBFGS", renamed)), null);

            LocalnetDefaults local = LocalnetDefaults.fetch(LocalnetDiscovery.documentFor(URI.create(net.rpcUrl())));
            AtomicReference<String> outcome = new AtomicReference<>();
            ValidatorLoop.Chain chain = new ValidatorLoop.Chain() {
                @Override
                public ValidatorLoop.Neurons metagraph(long block) {
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
            try (Ledger ledger = Ledger.open(db, List.of(lbfgs));
                 ValidatorLoop loop = new ValidatorLoop(chain, new LatestPrices(URI.create(local.priceUrl())),
                         c -> collector.collect(c, Duration.ofSeconds(10)), ledger, (l, b) -> new Decryptor.Report(0, Map.of(), 0, 0),
                         b -> engine.multiSalience(DatalogReader.read(db, List.of(lbfgs), OptionalLong.of(b / MantisConfig.SAMPLE_EVERY)),
                                 new SalienceEngine.Options(List.of(lbfgs), MantisConfig.SEED, MantisConfig.SAMPLE_EVERY, true)),
                         List.of(lbfgs), false)) {
                for (long b = 80_400; b <= 81_000; b += 5) {
                    loop.step(b);
                }
                loop.awaitCalculation(120, TimeUnit.SECONDS);
                Ledger.SavedWeights w = ledger.latestWeights().orElseThrow();
                assertThat(w.block()).isEqualTo(81_000);
                assertThat(w.uids()).isEqualTo(mg.uids());
                int planted = mg.uids().get(mg.hotkeys().indexOf(informative));
                int best = w.uids().get(argmax(w.weights()));
                assertThat(best).as("weights " + w.weights()).isEqualTo(planted);

                for (long b = 81_005; b <= 81_360; b += 5) {
                    loop.step(b);
                }
                assertThat(loop.stats().weightsSet()).isEqualTo(1);
                assertThat(outcome.get()).startsWith("SUCCESS");
                int myUid = mg.uids().get(mg.hotkeys().indexOf(validator.ss58()));
                JsonNode onChain = st.client().query("SubtensorModule", "Weights", List.of(123, myUid), null);
                assertThat(onChain).as("Weights(123, %d)", myUid).isNotNull();
                int topUid = -1;
                long top = -1;
                for (JsonNode pair : onChain) {
                    if (pair.get(1).asLong() > top) {
                        top = pair.get(1).asLong();
                        topUid = pair.get(0).asInt();
                    }
                }
                assertThat(topUid).as("on-chain weights " + onChain).isEqualTo(planted);
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
