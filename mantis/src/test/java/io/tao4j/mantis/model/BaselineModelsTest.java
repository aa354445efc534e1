package io.tao4j.mantis.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.payload.V2Submission;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BaselineModelsTest {
    static final List<String> ASSETS = List.of("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");
    static final Challenge ETH = Protocol.BCFF57B.byTicker("ETH").orElseThrow();
    static final Challenge ETH_HITFIRST = Protocol.BCFF57B.byTicker("ETHHITFIRST").orElseThrow();
    static final Challenge ETH_LBFGS = Protocol.BCFF57B.byTicker("ETHLBFGS").orElseThrow();

    /** Geometric random walk with per-step drift {@code drift[t]} and volatility sigma. */
    static double[] walk(SplittableRandom r, double[] drift, double sigma) {
        double[] p = new double[drift.length];
        double lp = Math.log(2000);
        for (int t = 0; t < p.length; t++) {
            lp += drift[t] + sigma * gauss(r);
            p[t] = Math.exp(lp);
        }
        return p;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static PriceHistory history(Map<String, double[]> full, int end, int len) {
        Map<String, double[]> m = new LinkedHashMap<>();
        full.forEach((k, v) -> m.put(k, Arrays.copyOfRange(v, Math.max(0, end - len), end)));
        return new PriceHistory(1, end, m);
    }

    @Test
    void everyEmbeddingIsInRangeAndPassesTheValidatorUnchanged() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        ModelSet models = ModelSet.baseline();
        ObjectMapper om = new ObjectMapper();
        int checked = 0;
        for (int trial = 0; trial < 60; trial++) {
            Map<String, double[]> prices = new LinkedHashMap<>();
            int n = List.of(0, 3, 9, 10, 50, 400, 3000).get(trial % 7);
            for (String a : ASSETS) {
                double[] drift = new double[n];
                // from flat to violent trends: drift up to ±5 step sigmas
                Arrays.fill(drift, (r.nextDouble() - 0.5) * 10 * 1e-3 * (trial % 3));
                prices.put(a, walk(r, drift, trial % 5 == 4 ? 0 : 1e-3));
            }
            Map<String, double[]> emb = models.embed(new PriceHistory(1, n, prices));
            JsonNode sub = om.readTree(ModelSet.toJson(emb));
            Map<String, double[]> sanitized = V2Submission.sanitize(sub);
            for (Challenge c : Protocol.BCFF57B.challenges()) {
                double[] v = emb.get(c.ticker());
                assertThat(v).hasSize(c.storageDim());
                EmbeddingRanges.check(c, v);
                if (c.multiAsset()) {
                    // the per-asset object form of spec §2.2, in the challenge's asset order
                    JsonNode o = sub.get(c.ticker());
                    assertThat(o.isObject()).as(c.ticker()).isTrue();
                    assertThat(o.fieldNames()).toIterable().containsExactlyElementsOf(c.assets());
                    for (int a = 0; a < c.assets().size(); a++) {
                        JsonNode x = o.get(c.assets().get(a));
                        if (c.dim() == 2) {
                            assertThat(x.get(0).asDouble()).isEqualTo(v[2 * a]);
                            assertThat(x.get(1).asDouble()).isEqualTo(v[2 * a + 1]);
                        } else {
                            assertThat(x.asDouble()).isEqualTo(v[a]);
                        }
                    }
                } else {
                    assertThat(sanitized.get(c.ticker())).as(c.name()).containsExactly(v, within(1e-12));
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(60 * 12);
        // missing asset and too-short history: binary says "no submission", the others the driftless answer
        Map<String, double[]> none = models.embed(PriceHistory.empty());
        assertThat(none.get("ETH")).containsExactly(0, 0);
        assertThat(none.get("ETHLBFGS")).containsExactly(BaselineModels.lbfgsVector(0));
    }

    @Test
    void driftlessAnswersMatchBrownianMotionFacts() {
        double[] v = BaselineModels.lbfgsVector(0);
        // N(0,1) bucket masses
        assertThat(v[0]).isCloseTo(0.02275, within(1e-4));
        assertThat(v[1]).isCloseTo(0.13591, within(1e-4));
        assertThat(v[2]).isCloseTo(0.68269, within(1e-4));
        assertThat(v[3]).isCloseTo(v[1], within(1e-9));
        assertThat(v[4]).isCloseTo(v[0], within(1e-9));
        // symmetric Q, larger thresholds are hit less often
        for (int j = 0; j < 3; j++) {
            assertThat(v[5 + j]).isCloseTo(v[14 + j], within(1e-9));
            assertThat(v[8 + j]).isCloseTo(v[11 + j], within(1e-9));
        }
        assertThat(v[8]).isGreaterThan(v[9]).isGreaterThan(v[10]);
        // Brownian bridge to x=1.5: P(min <= -0.5) = exp(-2*0.5*2) = e^-2; bucket 3 averages x over (1,2)
        assertThat(BaselineModels.oppositeMoveProbability(3, 0.5, 0)).isBetween(Math.exp(-2 * 0.5 * 2.5), Math.exp(-2 * 0.5 * 1.5));
        double[] h = BaselineModels.hitFirstProbabilities(0);
        assertThat(h[0]).isCloseTo(h[1], within(1e-12));
        // P(sup_{t<=1} |B_t| < 1) = 0.3708 (series for the exit time of Brownian motion from (-1, 1))
        assertThat(h[2]).isCloseTo(0.3708, within(0.01));
        double[] up = BaselineModels.hitFirstProbabilities(1.0);
        assertThat(up[0]).isGreaterThan(up[1] * 3);
        double[] dn = BaselineModels.lbfgsVector(-1.0);
        assertThat(dn[0] + dn[1]).isGreaterThan(dn[3] + dn[4] + 0.3);
    }

    /**
     * A trending market: the drift is ±1 horizon sigma per horizon and flips every 4000 steps. Evaluated
     * every 50 steps on the last 2048 prices, the baseline must call the 300-step direction better than
     * chance, and its LBFGS and HITFIRST distributions must beat the driftless ones in log loss.
     */
    @Test
    void baselineIsInformativeOnATrendingSeries() {
        SplittableRandom r = new SplittableRandom(2026);
        int n = 80_000;
        double sigma = 1e-3;
        int h = 300;
        double mu = sigma / Math.sqrt(h);
        double[] drift = new double[n];
        for (int t = 0; t < n; t++) {
            drift[t] = ((t / 4000) % 2 == 0 ? 1 : -1) * mu;
        }
        double[] p = walk(r, drift, sigma);
        Map<String, double[]> full = Map.of("ETH", p);
        ModelSet models = ModelSet.baseline();
        double[] flatP = BaselineModels.lbfgsVector(0);
        double[] flatH = BaselineModels.hitFirstProbabilities(0);
        int hits = 0;
        int total = 0;
        double lossP = 0;
        double lossP0 = 0;
        double lossH = 0;
        double lossH0 = 0;
        double sigmaH = sigma * Math.sqrt(h);
        double sigmaHit = sigma * Math.sqrt(ETH_HITFIRST.blocksAhead());
        for (int t = 2048; t + ETH_HITFIRST.blocksAhead() < n; t += 50) {
            PriceHistory hist = history(full, t, 2048);
            double[] bin = models.embed(hist).get("ETH");
            double ret = Math.log(p[t - 1 + h] / p[t - 1]);
            if (bin[0] != 0) {
                total++;
                if (Math.signum(bin[0]) == Math.signum(ret)) {
                    hits++;
                }
            }
            double z = ret / sigmaH;
            int bucket = z <= -2 ? 0 : z < -1 ? 1 : z <= 1 ? 2 : z < 2 ? 3 : 4;
            double[] lb = BaselineModels.lbfgs(BaselineModels.BETA).embed(ETH_LBFGS, hist);
            lossP -= Math.log(lb[bucket]);
            lossP0 -= Math.log(flatP[bucket]);
            int label = 2;
            for (int u = t; u < t - 1 + ETH_HITFIRST.blocksAhead(); u++) {
                double x = Math.log(p[u] / p[t - 1]);
                if (x >= sigmaHit) {
                    label = 0;
                    break;
                }
                if (x <= -sigmaHit) {
                    label = 1;
                    break;
                }
            }
            double[] hf = BaselineModels.hitFirst(BaselineModels.BETA).embed(ETH_HITFIRST, hist);
            lossH -= Math.log(hf[label]);
            lossH0 -= Math.log(flatH[label]);
        }
        double accuracy = (double) hits / total;
        System.out.printf("trending series: direction accuracy %.3f over %d, LBFGS p log loss %.4f vs %.4f, HITFIRST %.4f vs %.4f%n",
                accuracy, total, lossP / total, lossP0 / total, lossH / total, lossH0 / total);
        assertThat(total).isGreaterThan(1000);
        assertThat(accuracy).isGreaterThan(0.6);
        assertThat(lossP).isLessThan(lossP0);
        assertThat(lossH).isLessThan(lossH0);
    }

    @Test
    void aDriftlessSeriesGivesNoEdge() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 60_000;
        double[] p = walk(r, new double[n], 1e-3);
        Map<String, double[]> full = Map.of("ETH", p);
        int hits = 0;
        int total = 0;
        for (int t = 2048; t + 300 < n; t += 50) {
            double[] bin = ModelSet.baseline().embed(history(full, t, 2048)).get("ETH");
            total++;
            if (Math.signum(bin[0]) == Math.signum(Math.log(p[t - 1 + 300] / p[t - 1]))) {
                hits++;
            }
        }
        // no information to find: accuracy stays near one half (the trending test's edge is not an artefact)
        assertThat((double) hits / total).isBetween(0.42, 0.58);
    }

    @Test
    void outOfRangeModelsAreRefusedByName() {
        ModelSet bad = ModelSet.baseline().with(Loss.BINARY, (c, h) -> new double[] {1.5, 0});
        assertThatThrownBy(() -> bad.embed(PriceHistory.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETH-1H-BINARY[0] = 1.5");
        ModelSet shortVec = ModelSet.baseline().with(Loss.HITFIRST, (c, h) -> new double[] {0.5, 0.5});
        assertThatThrownBy(() -> shortVec.embed(PriceHistory.empty())).hasMessageContaining("ETH-HITFIRST-100M: model returned 2 values");
        ModelSet notDist = ModelSet.baseline().with(Loss.LBFGS, (c, h) -> {
            double[] v = new double[17];
            Arrays.fill(v, 0.3);
            return v;
        });
        assertThatThrownBy(() -> notDist.embed(PriceHistory.empty())).hasMessageContaining("sums to");
        ModelSet nan = ModelSet.baseline().with(Loss.BINARY, (c, h) -> new double[] {Double.NaN, 0});
        assertThatThrownBy(() -> nan.embed(PriceHistory.empty())).hasMessageContaining("not finite");
        assertThatThrownBy(() -> ModelSet.named("oracle")).hasMessageContaining("unknown model 'oracle'");
        ModelSet breakoutOutside = ModelSet.baseline().with(Loss.RANGE_BREAKOUT_MULTI, (c, h) -> {
            double[] v = new double[c.storageDim()];
            v[3] = -0.1;
            return v;
        });
        assertThatThrownBy(() -> breakoutOutside.embed(PriceHistory.empty())).hasMessageContaining("MULTI-BREAKOUT[3] = -0.1 is outside [0, 1]");
        ModelSet xsecShort = ModelSet.baseline().with(Loss.XSEC_RANK, (c, h) -> new double[c.assets().size() - 1]);
        assertThatThrownBy(() -> xsecShort.embed(PriceHistory.empty())).hasMessageContaining("XSEC-RANK: model returned 32 values");
    }

    @Test
    void randomModelStaysInRange() {
        ModelSet m = ModelSet.random(5);
        for (int i = 0; i < 200; i++) {
            Map<String, double[]> e = m.embed(PriceHistory.empty());
            for (Challenge c : Protocol.BCFF57B.challenges()) {
                EmbeddingRanges.check(c, e.get(c.ticker()));
            }
        }
    }

    @Test
    void historyDocumentsParseAndBadOnesAreNamed() throws Exception {
        ObjectMapper om = new ObjectMapper();
        PriceHistory h = PriceHistory.fromHistoryJson(om.readTree(
                "{\"blocks\":[10,15,20],\"prices\":{\"ETH\":[1.0,2.0,3.0],\"BTC\":[1.0,\"x\",5.0]}}"));
        assertThat(h.blocksPerStep()).isEqualTo(5);
        assertThat(h.lastBlock()).isEqualTo(20);
        assertThat(h.series("ETH").orElseThrow()).containsExactly(1.0, 2.0, 3.0);
        assertThat(h.series("BTC").orElseThrow()).containsExactly(5.0);
        assertThatThrownBy(() -> PriceHistory.fromHistoryJson(om.readTree("{\"blocks\":[]}")))
                .hasMessageContaining("no \"prices\" object");
        assertThatThrownBy(() -> PriceHistory.fromHistoryJson(om.readTree("[1]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> new PriceHistory(1, 0, Map.of("ETH", new double[] {1, -2})))
                .hasMessageContaining("ETH[1]");
        PriceHistory f = PriceHistory.fromHistoryJson(om.readTree("{\"blocks\":[1,2,3],\"prices\":{\"BTC\":[1,2,3]},"
                + "\"funding_rates\":{\"BTC\":[1e-4,-2e-4,3e-5],\"SOL\":[1e-4,null,-1e-4]}}"));
        assertThat(f.fundingSeries("BTC").orElseThrow()).containsExactly(1e-4, -2e-4, 3e-5);
        assertThat(f.fundingSeries("SOL").orElseThrow()).containsExactly(-1e-4);
        assertThat(h.funding()).isEmpty();
        assertThatThrownBy(() -> PriceHistory.fromHistoryJson(om.readTree("{\"prices\":{},\"funding_rates\":[1]}")))
                .hasMessageContaining("\"funding_rates\" is not an object");
    }

    @Test
    void eachProtocolGetsItsChallenges() {
        assertThat(ModelSet.baseline().embed(PriceHistory.empty()).keySet()).containsExactlyElementsOf(Protocol.BCFF57B.tickers());
        assertThat(ModelSet.baseline(Protocol.P2E9BC5B).embed(PriceHistory.empty()).keySet())
                .containsExactlyElementsOf(Protocol.P2E9BC5B.tickers());
        assertThat(ModelSet.random(3, Protocol.P2E9BC5B).embed(PriceHistory.empty())).hasSize(8);
        assertThat(ModelSet.named("random", Protocol.BCFF57B).protocol()).isSameAs(Protocol.BCFF57B);
        // without history the multi-asset forecasters are uninformed
        Map<String, double[]> none = ModelSet.baseline().embed(PriceHistory.empty());
        assertThat(none.get("MULTIBREAKOUT")).hasSize(66).containsOnly(0.5);
        assertThat(none.get("MULTIXSEC")).hasSize(33).containsOnly(0.0);
        assertThat(none.get("FUNDINGXSEC")).hasSize(20).containsOnly(0.0);
        assertThat(none.get("TRADEMIX")).hasSize(4).containsOnly(0.0);
    }

    @Test
    void multiAssetForecastersReadTheirSignals() {
        Challenge breakout = Protocol.BCFF57B.byTicker("MULTIBREAKOUT").orElseThrow();
        Challenge xsec = Protocol.BCFF57B.byTicker("MULTIXSEC").orElseThrow();
        Challenge funding = Protocol.BCFF57B.byTicker("FUNDINGXSEC").orElseThrow();
        Challenge trade = Protocol.BCFF57B.byTicker("TRADEMIX").orElseThrow();
        SplittableRandom r = new SplittableRandom(4);
        Map<String, double[]> prices = new LinkedHashMap<>();
        Map<String, double[]> fund = new LinkedHashMap<>();
        int n = 3000;
        for (int a = 0; a < Protocol.BREAKOUT_ASSETS.size(); a++) {
            double[] drift = new double[n];
            // BTC breaks up fast at the end, ETH breaks down fast; the others are driftless
            for (int t = n - 30; t < n; t++) {
                drift[t] = a == 0 ? 1e-3 : a == 1 ? -1e-3 : 0;
            }
            prices.put(Protocol.BREAKOUT_ASSETS.get(a), walk(r, drift, 1e-4));
        }
        for (int j = 0; j < Protocol.FUNDING_ASSETS.size(); j++) {
            double[] f = new double[n];
            Arrays.fill(f, 1e-4);
            // BTC's funding is far above its mean now, ETH's far below
            f[n - 1] = j == 0 ? 5e-4 : j == 1 ? -3e-4 : 1e-4;
            fund.put(Protocol.FUNDING_ASSETS.get(j), f);
        }
        PriceHistory h = new PriceHistory(10, n * 10L, prices, fund);
        // breakouts: BTC jumped 20 sigmas up 9 steps ago and now stands at the top of its range (the feed's jumps start
        // a trend: continuation); ETH nears the low of a range wide for its volatility, against a jump up 150 steps ago
        Map<String, double[]> bp = new LinkedHashMap<>(prices);
        double[] btc = walk(r, new double[n], 1e-4);
        for (int t = n - 10; t < n; t++) {
            btc[t] *= Math.exp(2e-3);
        }
        double top = Arrays.stream(btc, 0, n - 1).max().orElseThrow();
        btc[n - 1] = top * Math.exp(1e-4);
        double[] eth = new double[n];
        for (int t = 0; t < n; t++) {
            // a ±2 % swing with its trough at the end, ±1e-4 step noise and a 0.3 % jump up 150 steps before the end
            eth[t] = 2000 * Math.exp(0.02 * Math.sin(2 * Math.PI * (t - (n - 1)) / 1500.0 - Math.PI / 2) + (t % 2 == 0 ? 1e-4 : -1e-4)
                    + (t >= n - 150 ? 3e-3 : 0));
        }
        eth[n - 1] = eth[n - 2] * Math.exp(-5e-5);
        bp.put("BTC", btc);
        bp.put("ETH", eth);
        double[] b = MultiAssetModels.breakout(Protocol.BCFF57B).embed(breakout, new PriceHistory(10, n * 10L, bp, fund));
        assertThat(b[0]).as("BTC p_cont").isGreaterThan(0.7);
        assertThat(b[0] + b[1]).isEqualTo(1.0, within(1e-12));
        assertThat(b[2]).as("ETH p_cont (down side, against a jump up, of a wide range)").isLessThan(0.45)
                .isLessThan(b[0] - 0.3);
        assertThat(b[3]).as("ETH p_rev").isGreaterThan(0.55);
        double[] x = MultiAssetModels.xsecMomentum().embed(xsec, h);
        assertThat(x[0]).isEqualTo(1.0);
        assertThat(x[1]).isEqualTo(-1.0);
        double[] f = MultiAssetModels.fundingReversion().embed(funding, h);
        assertThat(f[0]).as("BTC funding expected to fall").isEqualTo(-1.0);
        assertThat(f[1]).as("ETH funding expected to rise").isEqualTo(1.0);
        double[] t = MultiAssetModels.trendPosition(Protocol.BCFF57B).embed(trade, h);
        assertThat(t[0]).as("long BTC (fast drift and trend up)").isGreaterThan(0.3);
        assertThat(t[1]).as("short ETH").isLessThan(-0.3);
        double[] tj = MultiAssetModels.trendPosition(Protocol.BCFF57B).embed(trade, new PriceHistory(10, n * 10L, bp, fund));
        assertThat(tj[0]).as("long BTC after its jump up").isGreaterThan(0.9);
        assertThat(MultiAssetModels.rankScores(new double[] {3, 1, 2, 2}, new boolean[] {true, true, true, false}))
                .containsExactly(1, -1, 0, 0);
    }
}
