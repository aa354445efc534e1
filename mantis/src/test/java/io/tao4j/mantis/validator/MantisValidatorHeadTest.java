package io.tao4j.mantis.validator;

import io.tao4j.crypto.bls.G2Point;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.localnet.beacon.LocalBeacon;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.collect.Rejection;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.SubmissionValidator;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bcff57b validator over a real HEAD ledger, fake chain and downloads, payloads sealed to a local beacon: every
 * challenge's vector and the funding rates are stored, the HEAD engine scores the active hotkeys, UID 0 gets the
 * burn, and the EMA state survives a restart.
 */
class MantisValidatorHeadTest {
    static final Protocol P = Protocol.BCFF57B;

    /** UID 0 is the owner (no commitment), miners at UIDs 1..3; the hotkey list can change. */
    static final class Chain implements MantisValidator.Chain {
        List<String> hotkeys = new ArrayList<>(List.of("owner", "hkA", "hkB", "hkC"));
        final List<double[]> set = new ArrayList<>();

        @Override
        public Neurons metagraph(long block) {
            return new Neurons(block, List.of(0, 1, 2, 3), hotkeys);
        }

        @Override
        public Map<String, String> commitments() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String hk : hotkeys) {
                if (!hk.equals("owner")) {
                    m.put(hk, "https://x.r2.dev/" + hk);
                }
            }
            return m;
        }

        @Override
        public String setWeights(int[] uids, double[] weights) {
            set.add(weights.clone());
            return "included";
        }
    }

    /** What the recording binary scorer saw per call: the hotkeys of the ETH series. */
    final List<List<String>> seen = new ArrayList<>();
    final List<io.tao4j.mantis.salience.SalienceResult> scored = new ArrayList<>();

    /** Salience = mean |first value| of each hotkey's ETH vectors (a function of what the ledger holds). */
    Map<String, Double> binary(io.tao4j.mantis.protocol.Challenge c, ChallengeSeries s, Protocol.Constants k) {
        if (c.ticker().equals("ETH")) {
            seen.add(s.hotkeys());
        }
        Map<String, Double> out = new TreeMap<>();
        for (int h = 0; h < s.hotkeyCount(); h++) {
            float[] e = s.embedding(h);
            double sum = 0;
            for (int t = 0; t < s.rows(); t++) {
                sum += Math.abs(e[t * s.dim()]);
            }
            if (sum > 0) {
                out.put(s.hotkeys().get(h), sum / s.rows());
            }
        }
        return out;
    }

    static String payload(String hk, double eth) {
        return "{\"hotkey\":\"" + hk + "\",\"ETH\":[" + eth + ",0.1],\"MULTIXSEC\":{\"BTC\":0.5,\"SOL\":-0.25},"
                + "\"TRADEMIX\":{\"TAO\":0.3},\"FUNDINGXSEC\":{\"ETH\":0.2},\"MULTIBREAKOUT\":{\"BTC\":[0.6,0.4]}}";
    }

    static final String PRICES = "{\"prices\":{\"ETH\":3000.0,\"BTC\":60000.0,\"SOL\":150.0,\"TAO\":400.0,"
            + "\"EURUSD\":1.1,\"CADUSD\":0.73,\"NZDUSD\":0.6,\"CHFUSD\":1.12,\"XAGUSD\":30.0},"
            + "\"funding_rates\":{\"BTC\":-0.0001,\"ETH\":0.0002}}";

    @Test
    void storesEveryChallengeScoresTheActiveSetBurnsToUidZeroAndKeepsTheEmaAcrossARestart(@TempDir Path dir) throws Exception {
        LocalBeacon beacon = new LocalBeacon("head-validator-test", 1_700_000_000L, 3, "quicknet");
        byte[] ownerPk = io.tao4j.crypto.aead.X25519.publicKey(new byte[]{7, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        PayloadSealer sealer = new PayloadSealer(new Tlock(G2Point.fromCompressed(beacon.publicKey())), ownerPk,
                TlockLayout.CURRENT, new SecureRandom());
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        double eth = 0.2;
        for (String hk : List.of("hkA", "hkB", "hkC", "hkE")) {
            sealed.put(hk, sealer.seal(hk, 5, payload(hk, eth).getBytes(StandardCharsets.UTF_8)).toJson()
                    .getBytes(StandardCharsets.UTF_8));
            eth += 0.2;
        }
        PayloadSource downloads = commits -> {
            Map<String, PayloadCollector.Result> out = new LinkedHashMap<>();
            commits.forEach((hk, url) -> out.put(hk, url == null
                    ? new PayloadCollector.Rejected(hk, Rejection.NO_COMMITMENT, "none")
                    : new PayloadCollector.Collected(hk, sealed.get(hk))));
            return out;
        };
        Decryptor decryptor = new Decryptor(new PayloadOpener(ownerPk), beacon::signature, 300, 1000,
                new SubmissionValidator(P), java.util.Set.copyOf(P.tickers()));
        Map<Loss, HeadSalienceEngine.ChallengeScorer> scorers = new java.util.EnumMap<>(HeadSalienceEngine.defaultScorers());
        scorers.put(Loss.BINARY, this::binary);
        scorers.remove(Loss.HITFIRST);
        scorers.remove(Loss.LBFGS);
        Path db = dir.resolve("ledger.db");
        ValidatorConfig cfg = ValidatorConfig.defaults(P);
        Chain chain = new Chain();
        float[] first;
        try (Ledger ledger = Ledger.open(db, P); EmaState ema = EmaState.open(ledger)) {
            MantisValidator v = validator(chain, ledger, downloads, decryptor, db, cfg, scorers).emaState(ema);
            MantisValidatorTest.run(v, 5, 400); // payloads of blocks 5.. opened from block 305 on: first seen at 5
            MantisValidatorTest.run(v, 40_005, 41_000); // mature at 41 000; calculation on data up to 40 500
            v.awaitCalculation(60, TimeUnit.SECONDS);
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).containsExactly("hkA", "hkB", "hkC");
            Ledger.SavedWeights w = ledger.latestWeights().orElseThrow();
            assertThat(w.block()).isEqualTo(41_000);
            assertThat(w.uids()).containsExactly(0, 1, 2, 3);
            assertThat(w.weights().get(0)).isGreaterThanOrEqualTo(0.35 - 1e-6);
            assertThat(w.weights().get(3)).isGreaterThan(w.weights().get(2)).isGreaterThan(w.weights().get(1));
            assertThat(v.lastEmaApplied()).isFalse();
            assertThat(v.lastBurnShare()).isCloseTo(w.weights().get(0), org.assertj.core.data.Offset.offset(1e-6));
            EmaState.Saved s = ema.load().orElseThrow();
            assertThat(s.block()).isEqualTo(41_000);
            assertThat(s.hotkeys()).containsExactly("owner", "hkA", "hkB", "hkC");
            first = s.weights();
            v.close();
        }
        assertStored(db);
        // restart; hkC leaves the metagraph (hkE takes UID 3): it is left out of the scoring, its data stays
        chain.hotkeys = new ArrayList<>(List.of("owner", "hkA", "hkB", "hkE"));
        try (Ledger ledger = Ledger.open(db, P); EmaState ema = EmaState.open(ledger)) {
            MantisValidator v = validator(chain, ledger, downloads, decryptor, db, cfg, scorers).emaState(ema);
            MantisValidatorTest.run(v, 41_005, 42_000);
            v.awaitCalculation(60, TimeUnit.SECONDS);
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1)).contains("hkA", "hkB").doesNotContain("hkC");
            assertThat(v.lastEmaApplied()).isTrue();
            EmaState.Saved s = ema.load().orElseThrow();
            assertThat(s.block()).isEqualTo(42_000);
            assertThat(s.hotkeys()).containsExactly("owner", "hkA", "hkB", "hkE");
            // hkE is young (first seen after 41 000) and new to the EMA: 0.3 of its fresh weight at most
            Ledger.SavedWeights w = ledger.latestWeights().orElseThrow();
            assertThat(w.block()).isEqualTo(42_000);
            assertThat(w.weights().get(3)).isLessThan(0.3 * 0.0001 * 1.01 / 0.99);
            assertThat(w.weights().get(0)).isGreaterThanOrEqualTo(0.35 - 1e-6);
            // EMA keyed by hotkey: 0.3·fresh (UID 0: the 0.35 burn) + 0.7·old, where hkC's old share does not pass
            // to hkE, renormalised
            double expected = (0.3 * 0.35 + 0.7 * first[0]) / (0.3 + 0.7 * (first[0] + first[1] + first[2]));
            assertThat((double) s.weights()[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(s.weights()[2] / s.weights()[1]).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-3f));
            v.close();
        }
    }

    MantisValidator validator(Chain chain, Ledger ledger, PayloadSource downloads, Decryptor decryptor, Path db,
                              ValidatorConfig cfg, Map<Loss, HeadSalienceEngine.ChallengeScorer> scorers) {
        // only the given single-asset scorers: with the real multi-asset ones, TRADE-MIX's warm-up {__burn__: 1}
        // (too little TRADEMIX history here) adds its pool to UID 0 and the EMA arithmetic below would have to carry it
        Scorer scorer = new HeadScorer(db, P, cfg.challenges(), new HeadSalienceEngine(P, scorers, Map.of(), null, 1));
        return new MantisValidator(chain, chain, PriceFeed.ofJson(PRICES), downloads, ledger,
                PayloadDecryptor.of(decryptor), scorer, cfg, false).listener(new MantisValidator.Listener() {
                    @Override
                    public void scored(long uptoBlock, io.tao4j.mantis.salience.SalienceResult salience) {
                        scored.add(salience);
                    }
                });
    }

    /** Multi-asset vectors, their price data and the funding rates are in the ledger. */
    static void assertStored(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            Map<String, Integer> withVectors = new TreeMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT ticker, COUNT(*) FROM challenge_data "
                    + "WHERE length(embeddings) > 0 GROUP BY ticker")) {
                while (rs.next()) {
                    withVectors.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertThat(withVectors).containsKeys("ETH", "MULTIXSEC", "TRADEMIX", "FUNDINGXSEC", "MULTIBREAKOUT");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT price_data FROM challenge_data WHERE ticker = 'FUNDINGXSEC' AND price_data IS NOT NULL LIMIT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("\"BTC\": -0.0001").contains("\"ETH\": 0.0002");
            }
        }
    }
}
