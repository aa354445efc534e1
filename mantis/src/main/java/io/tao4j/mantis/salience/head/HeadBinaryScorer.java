package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.Auc;
import io.tao4j.mantis.salience.math.BlockBootstrap;
import io.tao4j.mantis.salience.math.LogisticRegression;
import io.tao4j.mantis.salience.math.NumpySum;
import io.tao4j.mantis.salience.math.SampleWeights;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import io.tao4j.mantis.salience.sybil.History;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary challenges' salience at HEAD: {@code model.salience_binary_prediction} (spec §5.3). Per-miner
 * liblinear base fits scored on daily out-of-sample windows select the miners (recency-weighted AUC, top 50 plus
 * a 0.005 margin band of at most 15 more, AUC &gt; 0.5); walk-forward OOS decision values of the selected miners
 * feed an elastic-net meta-fit, block-bootstrapped (10 × 120 rows, seed 42) and aggregated by median of means;
 * the importance of a miner is its |coefficient|.
 *
 * <p>Deliberate difference: the meta-fit is solved to the optimum of saga's elastic-net objective
 * ({@link SklearnLogistic#fitSagaElasticNet}) instead of sklearn's stochastic SAGA (spec §8.2), so coefficients
 * agree with the reference at the level of the optimum, not bit for bit.
 */
public final class HeadBinaryScorer {
    static final int LAG = 60;
    static final int CHUNK = 4000;
    static final int TOP_K = 50;
    static final int MIN_BASE_TRAIN = 50;
    static final int SEL_WINDOW = 1440;
    static final int SEL_REFIT = 5 * 1440;
    static final int SEL_FIT_ROWS = 30 * 1440;
    static final double SEL_HALFLIFE_DAYS = 15.0;
    static final int SEL_MIN_WINDOW_ROWS = 80;
    static final int SEL_MIN_VALID_WINDOWS = 5;
    static final double SEL_AUC_MARGIN = 0.005;
    static final int SEL_BAND_MAX_EXTRA = 15;
    static final int BOOTSTRAP_N = 10;
    static final int BOOTSTRAP_MAX_ITER = 800;
    static final int MIN_META_ROWS = 50;
    static final long SEED = 42;

    private final int maxRows;

    /** @param maxRows {@code MAX_DAYS · 1440} (86 400 at HEAD) */
    public HeadBinaryScorer(int maxRows) {
        this.maxRows = maxRows;
    }

    /** Intermediate results, for tests and diagnostics. */
    public record Detail(float[] selAuc, int[] selected, double[] coef, Map<String, Double> salience) {}

    public Map<String, Double> score(History hist, float[] returns) {
        return detail(hist, returns).salience();
    }

    public Detail detail(History full, float[] returnsFull) {
        Detail empty = new Detail(new float[0], new int[0], new double[0], Map.of());
        if (full.rows() != returnsFull.length || full.hotkeys() == 0) return empty;
        History hist = full.lastRows(maxRows);
        int t = hist.rows();
        float[] y = Arrays.copyOfRange(returnsFull, returnsFull.length - t, returnsFull.length);
        if (t < 500) return empty;
        int h = hist.hotkeys(), d = hist.dim();
        byte[] yb = new byte[t];
        boolean pos = false, neg = false;
        for (int i = 0; i < t; i++) {
            yb[i] = (byte) (y[i] > 0.0f ? 1 : 0);
            if (yb[i] == 1) pos = true; else neg = true;
        }
        if (!pos || !neg) return empty;
        double[] tw = SampleWeights.timeWeights(t);
        boolean[][] nz = hist.nonZero();
        int[] firstNz = new int[h];
        for (int j = 0; j < h; j++) {
            firstNz[j] = t;
            for (int i = 0; i < t; i++) if (nz[j][i]) { firstNz[j] = i; break; }
        }
        String[] idx2hk = hist.idx2hk();
        int selSplit = t / 2;
        if (selSplit < MIN_BASE_TRAIN) return empty;
        int selStart = Math.min(SEL_FIT_ROWS / 2, selSplit);
        List<Integer> boundaries = new ArrayList<>();
        for (int b = selStart; b < t - LAG; b += SEL_REFIT) boundaries.add(b);
        if (boundaries.isEmpty()) return empty;
        int nDays = (t + SEL_WINDOW - 1) / SEL_WINDOW;
        double[] winW = new double[nDays];
        for (int k = 0; k < nDays; k++) {
            double age = (double) (t - Math.min((k + 1) * SEL_WINDOW, t)) / (double) SampleWeights.INDICES_PER_DAY;
            winW[k] = Math.exp(-Math.log(2.0) * age / SEL_HALFLIFE_DAYS);
        }
        float[] selAuc = new float[h];
        Arrays.fill(selAuc, 0.5f);
        int lastB = boundaries.get(boundaries.size() - 1);
        MinerRows[] group = null;
        for (int j = 0; j < h; j++) {
            if (j % GATHER == 0) group = MinerRows.gather(hist, nz, yb, tw, java.util.stream.IntStream.range(j, Math.min(h, j + GATHER)).toArray());
            if (firstNz[j] >= lastB) continue;
            MinerRows mr = group[j % GATHER];
            double[] scores = new double[t];
            Arrays.fill(scores, Double.NaN);
            for (int b : boundaries) {
                int lo = Math.max(0, b - SEL_FIT_ROWS), hi = Math.max(0, b - LAG);
                LogisticRegression.Model m = baseFit(mr, lo, hi);
                if (m == null) continue;
                int scHi = Math.min(b + SEL_REFIT, t);
                for (int r = mr.from(b); r < mr.n && mr.at[r] < scHi; r++) scores[mr.at[r]] = mr.decision(m, r);
            }
            double[] dayAuc = new double[nDays];
            int nValid = 0;
            for (int k = 0; k < nDays; k++) {
                dayAuc[k] = Double.NaN;
                int lo = k * SEL_WINDOW, hi = Math.min((k + 1) * SEL_WINDOW, t);
                int cnt = 0;
                for (int i = lo; i < hi; i++) if (!Double.isNaN(scores[i])) cnt++;
                if (cnt < SEL_MIN_WINDOW_ROWS) continue;
                byte[] ys = new byte[cnt];
                double[] ss = new double[cnt];
                int c = 0;
                for (int i = lo; i < hi; i++) {
                    if (Double.isNaN(scores[i])) continue;
                    ys[c] = yb[i];
                    ss[c++] = scores[i];
                }
                double auc = Auc.rocAuc(ys, ss);
                if (Double.isNaN(auc)) continue;
                dayAuc[k] = auc;
                nValid++;
            }
            if (nValid < SEL_MIN_VALID_WINDOWS) continue;
            double[] wv = new double[nValid];
            double dot = 0.0;
            int c = 0;
            for (int k = 0; k < nDays; k++) {
                if (Double.isNaN(dayAuc[k])) continue;
                wv[c++] = winW[k];
                dot += winW[k] * dayAuc[k];
            }
            double wsum = NumpySum.sum(wv);
            if (wsum <= 0.0) continue;
            selAuc[j] = (float) (dot / wsum);
        }

        int[] selected = select(selAuc);
        if (selected.length == 0) return new Detail(selAuc, selected, new double[0], Map.of());
        int k = selected.length;

        float[] xOos = new float[t * k];
        Arrays.fill(xOos, Float.NaN);
        List<int[]> segments = new ArrayList<>();
        for (int s = 0; ; ) {
            int vs = s + LAG;
            if (vs >= t) break;
            int end = Math.min(s + CHUNK, t);
            if (end <= vs) break;
            segments.add(new int[] {s, vs, end});
            s = end;
        }
        // columns in miner order, so a gathered group's values lie close together in each history row
        int[] byMiner = java.util.stream.IntStream.range(0, k).boxed()
                .sorted(java.util.Comparator.comparingInt(c -> selected[c])).mapToInt(Integer::intValue).toArray();
        for (int o = 0; o < k; o++) {
            if (o % GATHER == 0) {
                int[] miners = new int[Math.min(k, o + GATHER) - o];
                for (int m = 0; m < miners.length; m++) miners[m] = selected[byMiner[o + m]];
                group = MinerRows.gather(hist, nz, yb, tw, miners);
            }
            int col = byMiner[o];
            int j = selected[col];
            if (firstNz[j] >= t) continue;
            MinerRows mr = group[o % GATHER];
            for (int[] seg : segments) {
                int fitEnd = Math.max(0, seg[1] - LAG);
                if (fitEnd < MIN_BASE_TRAIN) continue;
                LogisticRegression.Model m = baseFit(mr, 0, fitEnd);
                if (m == null) continue;
                for (int r = mr.from(seg[1]); r < mr.n && mr.at[r] < seg[2]; r++) {
                    xOos[mr.at[r] * k + col] = (float) mr.decision(m, r);
                }
            }
        }

        int nRows = 0;
        int[] rowIdx = new int[t];
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < k; c++) {
                if (!Float.isNaN(xOos[i * k + c])) {
                    rowIdx[nRows++] = i;
                    break;
                }
            }
        }
        if (nRows < MIN_META_ROWS) return new Detail(selAuc, selected, new double[0], Map.of());
        double[] xm = new double[nRows * k];
        byte[] ym = new byte[nRows];
        double[] swm = new double[nRows];
        for (int r = 0; r < nRows; r++) {
            int i = rowIdx[r];
            for (int c = 0; c < k; c++) {
                float v = xOos[i * k + c];
                xm[r * k + c] = Float.isNaN(v) ? 0.0 : v;
            }
            ym[r] = yb[i];
            swm[r] = tw[i];
        }
        double[] coef = metaBootstrapAbsCoef(xm, k, ym, swm, BOOTSTRAP_N, SEED);
        if (coef == null) {
            boolean p = false, q = false;
            for (byte v : ym) if (v != 0) p = true; else q = true;
            if (!p || !q) return new Detail(selAuc, selected, new double[0], Map.of());
            coef = absCoef(SklearnLogistic.fitSagaElasticNet(xm, nRows, k, ym,
                    SklearnLogistic.balancedSampleWeights(ym, swm), 1.0, 0.5));
        }
        LinkedHashMap<String, Double> imp = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            int j = selected[c];
            String hk = idx2hk[j] != null ? idx2hk[j] : Integer.toString(j);
            imp.put(hk, coef[c]);
        }
        double total = 0.0;
        for (double v : new TreeMap<>(imp).values()) total += v;
        if (!(total > 0.0)) return new Detail(selAuc, selected, coef, Map.of());
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : imp.entrySet()) out.put(e.getKey(), e.getValue() / total);
        return new Detail(selAuc, selected, coef, out);
    }

    /**
     * Margin-banded top-K: stable order of {@code −selAuc}; with more than 50 miners the first 50 plus those within
     * 0.005 of the 50th AUC (at most 15 more); then only AUC &gt; 0.5, order kept.
     */
    static int[] select(float[] selAuc) {
        int h = selAuc.length;
        Integer[] order = new Integer[h];
        for (int j = 0; j < h; j++) order[j] = j;
        Arrays.sort(order, (a, b) -> Float.compare(selAuc[b], selAuc[a])); // stable: ties keep index order
        int topK = Math.min(TOP_K, h);
        int nSel = topK;
        if (h > topK) {
            double thr = (double) selAuc[order[topK - 1]] - SEL_AUC_MARGIN;
            int maxSel = Math.min(h, topK + SEL_BAND_MAX_EXTRA);
            while (nSel < maxSel && (double) selAuc[order[nSel]] >= thr) nSel++;
        }
        List<Integer> sel = new ArrayList<>();
        for (int r = 0; r < nSel; r++) if (selAuc[order[r]] > 0.5f) sel.add(order[r]);
        return sel.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code _fit_base_logistic} on the miner's non-zero rows in {@code [lo, hi)}; null below 50 rows or one class. */
    private static LogisticRegression.Model baseFit(MinerRows mr, int lo, int hi) {
        int a = mr.from(lo), b = mr.from(hi);
        int n = b - a;
        if (n < MIN_BASE_TRAIN) return null;
        int d = mr.dim;
        byte[] y = Arrays.copyOfRange(mr.y, a, b);
        boolean pos = false, neg = false;
        for (byte v : y) if (v != 0) pos = true; else neg = true;
        if (!pos || !neg) return null;
        double[] x = Arrays.copyOfRange(mr.x, a * d, b * d);
        double[] sw = Arrays.copyOfRange(mr.tw, a, b);
        if (d > 4) {
            return SklearnLogistic.fitLbfgs(x, n, d, y, SklearnLogistic.balancedSampleWeights(y, sw), 0.5, 1e-3, 100);
        }
        return SklearnLogistic.fitLiblinear(x, n, d, y, SklearnLogistic.balancedSampleWeights(y, sw), 0.5, 1e-3, 100);
    }

    /** Miners whose rows {@link MinerRows#gather} collects in one pass over the history (their values share cache lines). */
    private static final int GATHER = 16;

    /** One miner's non-zero rows in time order: their indices, embeddings (n × dim), labels and time weights. */
    private static final class MinerRows {
        final int n, dim;
        final int[] at;
        final double[] x;
        final byte[] y;
        final double[] tw;

        private MinerRows(int n, int dim) {
            this.n = n;
            this.dim = dim;
            at = new int[n];
            x = new double[n * dim];
            y = new byte[n];
            tw = new double[n];
        }

        /** The rows of the given miners, in one pass over the history's rows. */
        static MinerRows[] gather(History hist, boolean[][] nz, byte[] yb, double[] tw, int[] miners) {
            int t = hist.rows(), d = hist.dim(), h = hist.hotkeys();
            float[] hx = hist.x();
            MinerRows[] out = new MinerRows[miners.length];
            for (int m = 0; m < miners.length; m++) {
                int cnt = 0;
                for (boolean b : nz[miners[m]]) if (b) cnt++;
                out[m] = new MinerRows(cnt, d);
            }
            int[] fill = new int[miners.length];
            for (int i = 0; i < t; i++) {
                for (int m = 0; m < miners.length; m++) {
                    int j = miners[m];
                    if (!nz[j][i]) continue;
                    MinerRows mr = out[m];
                    int r = fill[m]++;
                    mr.at[r] = i;
                    int off = (i * h + j) * d;
                    for (int c = 0; c < d; c++) mr.x[r * d + c] = hx[off + c];
                    mr.y[r] = yb[i];
                    mr.tw[r] = tw[i];
                }
            }
            return out;
        }

        /** The first of these rows with index {@code >= i}. */
        int from(int i) {
            int lo = 0, hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (at[mid] < i) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        /** {@code decision_function} of the r-th row. */
        double decision(LogisticRegression.Model m, int r) {
            double[] w = m.coef();
            double s = 0.0;
            for (int c = 0; c < w.length; c++) s += x[r * dim + c] * w[c];
            return s + m.intercept();
        }
    }

    /** A bootstrap replicate's labels and balanced sample weights (class balance recomputed per replicate, as the reference). */
    record Replicate(byte[] y, double[] weights) {
        static Replicate of(int[] rows, byte[] y, double[] sw) {
            byte[] yb = new byte[rows.length];
            double[] swb = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                yb[r] = y[rows[r]];
                swb[r] = sw[rows[r]];
            }
            return new Replicate(yb, SklearnLogistic.balancedSampleWeights(yb, swb));
        }
    }

    /**
     * The elastic-net meta-fit's bootstrap: {@link BlockBootstrap#run} of |coef| of
     * {@code fitSagaElasticNet(C = 1, l1_ratio = 0.5)} on each replicate's rows with their balanced weights (a replicate
     * whose fit raises is skipped, as the reference does), each replicate's optimum found faster: rows a replicate
     * repeats (overlapping blocks) become one row carrying the sum of their balanced weights (the same objective), and
     * each replicate's Newton iteration starts from the previous replicate's optimum (the minimiser is unique, so only
     * the number of steps changes). Replicates run in order, so the result does not depend on threads.
     */
    static double[] metaBootstrapAbsCoef(double[] x, int p, byte[] y, double[] sw, int nBootstrap, long seed) {
        int t = y.length;
        double[][] warm = new double[1][];
        return BlockBootstrap.run(y, nBootstrap, BlockBootstrap.BLOCK_SIZE, seed, (rows, replicateSeed) -> {
            double[] bw = Replicate.of(rows, y, sw).weights();
            double[] wsum = new double[t];
            boolean[] used = new boolean[t];
            int u = 0;
            for (int r = 0; r < rows.length; r++) {
                int i = rows[r];
                if (!used[i]) {
                    used[i] = true;
                    u++;
                }
                wsum[i] += bw[r];
            }
            double[] xu = new double[u * p];
            byte[] yu = new byte[u];
            double[] wu = new double[u];
            for (int i = 0, j = 0; i < t; i++) {
                if (!used[i]) continue;
                System.arraycopy(x, i * p, xu, j * p, p);
                yu[j] = y[i];
                wu[j++] = wsum[i];
            }
            try {
                LogisticRegression.Model m = SklearnLogistic.fitSagaElasticNet(xu, u, p, yu, wu, 1.0, 0.5, warm[0]);
                double[] next = Arrays.copyOf(m.coef(), p + 1);
                next[p] = m.intercept();
                warm[0] = next;
                return absCoef(m);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return null; // the reference skips a replicate whose fit raises
            }
        });
    }

    static double[] absCoef(LogisticRegression.Model m) {
        double[] c = m.coef().clone();
        for (int i = 0; i < c.length; i++) c[i] = Math.abs(c[i]);
        return c;
    }
}
