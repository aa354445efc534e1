package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.math.NumpySum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * TRADE-MIX v2 at bcff57b: {@code trade_mix.compute_trade_mix_salience} and {@code score_epoch} (spec §5.10).
 * Positions on an hourly panel ({@link TradeMixPanel}) are split by the causal factor structure
 * ({@link TradeMixFactors}) into a market exposure {@code m = Σ_a w_a·P_a} and a relative-value book
 * {@code q = P − m·β}; each channel pays only miners past probation (504 h old, 90 % of those hours covered) whose
 * evidence ({@link TradeMixEvidence}, RV books first projected off earlier miners' similar books) survives a
 * Benjamini-Hochberg gate at 5 %, in proportion to {@code softplus(t − 2) × costed trailing PnL × coverage}, one
 * credit per near-duplicate cluster, capped at 20 % of the channel ({@link TradeMixPayment}). The RV channel is
 * 75 % of the pool, beta 25 %; what is not earned is returned under {@link HeadSalienceEngine#BURN_KEY}.
 *
 * <p>A pure function of its input; miners' evidence is computed in parallel into fixed slots, so the result does
 * not depend on the thread count.
 */
public final class TradeMixScorer {
    private static final double EPS = 1e-12;
    /** Miners per parallel evidence task. */
    private static final int CHUNK = 8;

    private TradeMixScorer() {}

    /**
     * Hotkey shares of the challenge pool plus {@code "__burn__"} (summing to 1; shares ≤ 1e-9 left out), in column
     * order with the burn last; {@code {__burn__: 1}} while the panel is too short; empty when there are no hotkeys
     * or no rows or assets (the reference returns {} for no hotkeys; the aggregator never hands it zero rows).
     */
    public static Map<String, Double> score(MultiAssetSeries s, Protocol.TradeMixParams p) {
        return score(s, TradeMixConfig.from(p));
    }

    /** {@link #score(MultiAssetSeries, Protocol.TradeMixParams)} with explicit settings. */
    public static Map<String, Double> score(MultiAssetSeries s, TradeMixConfig cfg) {
        Epoch e = epoch(s, cfg);
        if (e == null) return Map.of();
        Map<String, Double> out = new LinkedHashMap<>();
        if (e.shares != null) {
            List<String> hks = s.hotkeys();
            for (int i = 0; i < hks.size(); i++) {
                if (e.shares[i] > 1e-9) out.put(hks.get(i), e.shares[i]);
            }
        }
        out.put(HeadSalienceEngine.BURN_KEY, Math.max(0.0, e.burned));
        return out;
    }

    /**
     * Everything {@code score_epoch} computes, for diagnostics and tests. {@code shares} is null (and burned 1) when
     * the panel is too short; {@code reason} then says why.
     */
    record Epoch(int hourlyRows, double[] shares, double burned, double[] tRv, double[] pRv, double[] tBeta,
                 double[] pBeta, boolean[] gateRv, boolean[] gateBeta, boolean[] eligible, boolean[] activeRv,
                 double[] coverage, double[] attrRv, double[] attrBeta, int[] firstSeen, String reason) {
        static Epoch burnAll(int rows, String reason) {
            return new Epoch(rows, null, 1.0, null, null, null, null, null, null, null, null, null, null, null,
                    null, reason);
        }
    }

    /** The epoch, or null when there is nothing to score (no hotkeys, no rows, no assets). */
    static Epoch epoch(MultiAssetSeries s, TradeMixConfig cfg) {
        int h = s.hotkeys().size();
        if (h == 0 || s.rows() == 0 || s.assets() == 0) return null;
        TradeMixPanel panel = TradeMixPanel.of(s, cfg);
        if (panel == null) return Epoch.burnAll(0, "no_usable_rows");
        int rows = panel.rows();
        if (rows < 3 * cfg.minShift() || rows <= cfg.warmup()) return Epoch.burnAll(rows, "warmup");
        int a = panel.assets();
        boolean[] sub = panel.submitted();
        int[] firstSeen = new int[h];
        java.util.Arrays.fill(firstSeen, rows);
        for (int t = rows - 1; t >= 0; t--) {
            for (int i = 0; i < h; i++) {
                if (sub[t * h + i]) firstSeen[i] = t;
            }
        }
        int[] tiebreak = lexRanks(s.hotkeys());
        TradeMixFactors fac = TradeMixFactors.of(panel.prices(), rows, a, cfg);

        // decomposition: per miner, m (T) and the RV book q (T × A, time-major)
        double[][] m = new double[h][rows];
        double[][] q = new double[h][rows * a];
        double[] w = fac.w(), betas = fac.betas();
        for (int t = 0; t < rows; t++) {
            for (int i = 0; i < h; i++) {
                double mm = 0.0;
                for (int j = 0; j < a; j++) mm += w[t * a + j] * panel.p0(t, i, j);
                m[i][t] = mm;
                for (int j = 0; j < a; j++) q[i][t * a + j] = panel.p0(t, i, j) - mm * betas[t * a + j];
            }
        }

        double[] coverage = windowMean(sub, rows, h, cfg.coverageWindow());
        double[] probCov = windowMean(sub, rows, h, cfg.probationHours());
        boolean[] eligible = new boolean[h];
        boolean[] activeRv = new boolean[h];
        for (int i = 0; i < h; i++) {
            eligible[i] = rows - firstSeen[i] >= cfg.probationHours() && probCov[i] >= cfg.probationCoverage();
            activeRv[i] = validStd(q[i], rows, a, fac.warmup()) >= cfg.activityMinStd();
        }

        double[][] sim = cosines(q, rows, a, Math.max(0, rows - cfg.dedupWindow()));
        double[][] qGate = seniorityResidualize(q, sim, firstSeen, tiebreak, cfg.seniorityCosine());

        TradeMixEvidence ev = new TradeMixEvidence(fac, cfg);
        double[] tRv = new double[h], pRv = new double[h], tBe = new double[h], pBe = new double[h];
        int chunks = (h + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            TradeMixEvidence.Worker wk = ev.worker();
            for (int i = c * CHUNK; i < Math.min(h, (c + 1) * CHUNK); i++) {
                double[] r = wk.rv(qGate[i]);
                tRv[i] = r[0];
                pRv[i] = r[1];
                double[] b = wk.beta(m[i]);
                tBe[i] = b[0];
                pBe[i] = b[1];
            }
        });

        boolean[] consideredRv = new boolean[h];
        for (int i = 0; i < h; i++) consideredRv[i] = eligible[i] && activeRv[i];
        boolean[] gateRv = gate(consideredRv, pRv, cfg.fdrQ());
        boolean[] gateBe = gate(eligible, pBe, cfg.fdrQ());

        // attribution over the trailing window with the unresidualised books
        int lo = Math.max(0, rows - cfg.attrWindow());
        double[] resid = fac.resid(), mkt = fac.mkt();
        double[] attrRv = new double[h], attrBe = new double[h];
        for (int i = 0; i < h; i++) {
            double pnl = 0.0, turn = 0.0, pnlB = 0.0, turnB = 0.0;
            double[] qi = q[i], mi = m[i];
            for (int t = lo; t < rows - 1; t++) {
                for (int j = 0; j < a; j++) {
                    pnl += qi[t * a + j] * resid[(t + 1) * a + j];
                    turn += Math.abs(qi[(t + 1) * a + j] - qi[t * a + j]);
                }
                pnlB += mi[t] * mkt[t + 1];
                turnB += Math.abs(mi[t + 1] - mi[t]);
            }
            attrRv[i] = Math.max(0.0, pnl - cfg.feePerSide() * turn);
            attrBe[i] = Math.max(0.0, pnlB - cfg.feePerSide() * turnB);
        }

        double[] sRv = TradeMixPayment.channelShares(gateRv, tRv, attrRv, coverage,
                TradeMixPayment.greedyClusters(sim, cfg.dedupCosine(), tRv), cfg);
        double[] sBe = TradeMixPayment.channelShares(gateBe, tBe, attrBe, coverage,
                TradeMixPayment.greedyClusters(sim, cfg.dedupCosine(), tBe), cfg);
        double wRv = cfg.channelSplitRv(), wBe = cfg.channelSplitBeta();
        double[] shares = new double[h];
        for (int i = 0; i < h; i++) shares[i] = wRv * sRv[i] + wBe * sBe[i];
        double burned = wRv * sRv[h] + wBe * sBe[h];
        return new Epoch(rows, shares, burned, tRv, pRv, tBe, pBe, gateRv, gateBe, eligible, activeRv, coverage,
                attrRv, attrBe, firstSeen, "scored");
    }

    /** Lexicographic (code point) rank of each hotkey: the reference's seniority tie-break. */
    static int[] lexRanks(List<String> hotkeys) {
        int n = hotkeys.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int[][] cps = new int[n][];
        for (int i = 0; i < n; i++) cps[i] = hotkeys.get(i).codePoints().toArray(); // Python str order
        java.util.Arrays.sort(order, (x, y) -> java.util.Arrays.compare(cps[x], cps[y]));
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) rank[order[r]] = r;
        return rank;
    }

    /** Fraction of the last {@code min(window, T)} rows each miner submitted in. */
    private static double[] windowMean(boolean[] sub, int rows, int h, int window) {
        int from = Math.max(0, rows - window);
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            int c = 0;
            for (int t = from; t < rows; t++) {
                if (sub[t * h + i]) c++;
            }
            out[i] = (double) c / (rows - from);
        }
        return out;
    }

    /** Std (ddof 0) of a book over its valid rows and all assets. */
    private static double validStd(double[] x, int rows, int a, int warmup) {
        int from = Math.min(rows, Math.max(0, warmup));
        int n = (rows - from) * a;
        if (n == 0) return Double.NaN;
        double s = 0.0;
        for (int k = from * a; k < rows * a; k++) s += x[k];
        double mean = s / n;
        double ss = 0.0;
        for (int k = from * a; k < rows * a; k++) {
            double d = x[k] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }

    /** Cosine matrix of the books' rows {@code lo..T−1} (norms + 1e-12), as {@code cosine_matrix}. */
    static double[][] cosines(double[][] q, int rows, int a, int lo) {
        int h = q.length;
        int off = lo * a, len = (rows - lo) * a;
        double[] norms = new double[h];
        double[] sq = new double[len];
        for (int i = 0; i < h; i++) {
            for (int k = 0; k < len; k++) {
                double v = q[i][off + k];
                sq[k] = v * v;
            }
            norms[i] = Math.sqrt(NumpySum.sum(sq)) + EPS;
        }
        double[][] sim = new double[h][h];
        IntStream.range(0, h).parallel().forEach(i -> {
            double[] x = q[i];
            for (int j = i; j < h; j++) {
                double[] y = q[j];
                double d = 0.0;
                for (int k = off; k < off + len; k++) d += x[k] * y[k];
                sim[i][j] = d / (norms[i] * norms[j]);
            }
        });
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < i; j++) sim[i][j] = sim[j][i];
        }
        return sim;
    }

    /**
     * {@code seniority_residualize}: miners in order of first submission (ties by hotkey rank); each book is
     * projected, over the whole history, off every earlier miner's already-residualised book whose cosine (trailing
     * window, unresidualised) has {@code |sim| ≥ thr} and whose squared norm exceeds 1e-12.
     */
    static double[][] seniorityResidualize(double[][] q, double[][] sim, int[] firstSeen, int[] tiebreak,
                                           double thr) {
        int h = q.length;
        Integer[] order = new Integer[h];
        for (int i = 0; i < h; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> firstSeen[x] != firstSeen[y]
                ? Integer.compare(firstSeen[x], firstSeen[y]) : Integer.compare(tiebreak[x], tiebreak[y]));
        double[][] out = new double[h][];
        double[] norm2 = new double[h];
        for (int pj = 0; pj < h; pj++) {
            int j = order[pj];
            double[] xj = q[j].clone();
            for (int ps = 0; ps < pj; ps++) {
                int s = order[ps];
                if (Math.abs(sim[s][j]) < thr) continue;
                double[] xs = out[s];
                double denom = norm2[s];
                if (denom > EPS) {
                    double coef = dot(xj, xs) / denom;
                    for (int k = 0; k < xj.length; k++) xj[k] = xj[k] - coef * xs[k];
                }
            }
            out[j] = xj;
            norm2[j] = dot(xj, xj);
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double d = 0.0;
        for (int k = 0; k < x.length; k++) d += x[k] * y[k];
        return d;
    }

    /** BH over the considered miners (ascending index); false elsewhere. */
    private static boolean[] gate(boolean[] considered, double[] p, double q) {
        int h = considered.length;
        boolean[] out = new boolean[h];
        int n = 0;
        for (boolean c : considered) {
            if (c) n++;
        }
        if (n == 0) return out;
        int[] idx = new int[n];
        double[] ps = new double[n];
        for (int i = 0, k = 0; i < h; i++) {
            if (considered[i]) {
                idx[k] = i;
                ps[k++] = p[i];
            }
        }
        boolean[] pass = TradeMixPayment.bhGate(ps, q);
        for (int k = 0; k < n; k++) out[idx[k]] = pass[k];
        return out;
    }
}
