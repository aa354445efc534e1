package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.Auc;
import io.tao4j.mantis.salience.math.BlockBootstrap;
import io.tao4j.mantis.salience.math.LogisticRegression;
import io.tao4j.mantis.salience.math.NumpySum;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import io.tao4j.mantis.salience.math.SklearnLogistic.LbfgsRules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The walk-forward that MANTIS HEAD's {@code xsec_rank.compute_xsec_rank_salience} and
 * {@code funding_xsec.compute_funding_xsec_salience} share (spec §5.8, §5.9), after each has built its pooled
 * (row, asset) labels: segments of 8000 rows; per segment a univariate-logistic selection of the top 20 miners by
 * out-of-sample AUC, out-of-sample meta features from sub-segment fits, the block-bootstrap meta-fit
 * ({@code _bootstrap_meta_l2}, seed {@code 42 + 7919·(i+1)}), AUC scaling and γ = 0.5^(1/3) recency weighting.
 * {@link Rules} holds what differs (embargo, gaps, train cutoff, distinct-values condition).
 *
 * <p>Exactness of the fast paths: every univariate fit sees its rows only through their (float16 value, label)
 * pairs, so it is fitted on prefix histograms ({@link PrefixHistograms}, {@link
 * io.tao4j.mantis.salience.math.HistogramLogistic}) by the same L-BFGS-B; the selection AUC of a fit
 * {@code w·x + b} depends only on the sign of {@code w} and is counted exactly from the histograms. The meta-fit
 * of a bootstrap replicate runs once per distinct row with its multiplicity folded into the weight. Replicates
 * and miners run in parallel into fixed slots; results do not depend on the thread count.
 */
final class CrossSectionWalkForward {
    static final int LAG = 60;
    static final int CHUNK = 8000;
    static final int SUB_CHUNK = Math.max(CHUNK, 2000);
    static final int TOP_K = 20;
    static final int MIN_TRAIN_ROWS = 200;
    static final int MIN_BASE_ROWS = 50;
    static final int MIN_SEL_EVAL_ROWS = 20;
    static final int N_BOOTSTRAP = 20;
    static final long SEED = 42;
    static final long SEGMENT_SEED_STEP = 7919;
    static final double C = 0.5;
    static final double TOL = 1e-4;
    static final int BASE_MAX_ITER = 200;
    static final int META_MAX_ITER = 100;
    /** {@code 0.5 ** (1.0 / max(1, WINDOWS_HALF_LIFE))}, WINDOWS_HALF_LIFE = 3. */
    static final double GAMMA = Math.pow(0.5, 1.0 / 3);

    /**
     * What differs between the two scorers, all in rows.
     *
     * @param segmentGap  segment {@code (s, s + gap, min(s + 8000, T_u))}
     * @param evalGap     selection eval rows end at {@code vs − evalGap}
     * @param fitGap      selection fit rows end at {@code evalStart − fitGap}
     * @param trainGap    meta train rows {@code t < vs − trainGap} (skip the segment when ≤ 0)
     * @param subGap      sub-segment {@code (u, u + subGap, min(u + 8000, cutoff))}
     * @param minDistinct a miner needs this many distinct non-zero values in its selection fit rows (0: no rule)
     */
    record Rules(String ticker, int segmentGap, int evalGap, int fitGap, int trainGap, int subGap, int minDistinct) {
        /** XSEC-RANK: LAG everywhere, train and select right up to the validation start. */
        static Rules xsec(String ticker) {
            return new Rules(ticker, LAG, 0, LAG, 0, LAG, 0);
        }

        /** FUNDING-XSEC: embargo {@code max(LAG, ahead)}, every other gap {@code ahead}, ≥ 5 distinct values. */
        static Rules funding(String ticker, int ahead) {
            return new Rules(ticker, Math.max(LAG, ahead), ahead, ahead, ahead, ahead, 5);
        }
    }

    /**
     * The pooled rows in the reference's order (row-major over (t, asset), rows with a NaN label dropped).
     *
     * @param t     original row index of each pooled row (non-decreasing)
     * @param asset asset of each pooled row
     * @param y     label 0/1
     * @param tEnd  {@code T_u}: segment boundaries run over {@code [0, tEnd)}
     */
    record Pool(int[] t, byte[] asset, byte[] y, int tEnd) {
        int size() {
            return t.length;
        }

        /** First pooled position with {@code t ≥ c}. */
        int pos(int c) {
            int lo = 0, hi = t.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] < c) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        boolean bothClasses(int from, int to) {
            boolean p = false, n = false;
            for (int i = from; i < to && !(p && n); i++) {
                if (y[i] != 0) p = true; else n = true;
            }
            return p && n;
        }
    }

    private final MultiAssetSeries s;
    private final Pool pool;
    private final boolean[] zeroed; // (miner, asset) columns the stale filter zeroed, or null
    private final Rules rules;
    private final LbfgsRules lbfgs;
    private final int h;
    private final int a;

    CrossSectionWalkForward(MultiAssetSeries s, Pool pool, boolean[] zeroed, Rules rules, LbfgsRules lbfgs) {
        this.s = s;
        this.pool = pool;
        this.zeroed = zeroed;
        this.rules = rules;
        this.lbfgs = lbfgs;
        this.h = s.hotkeys().size();
        this.a = s.assets();
    }

    /** The reference's return value: positive importances normalised, in hotkey order; empty = {}. */
    Map<String, Double> run() {
        List<int[]> segs = segments(pool.tEnd(), rules.segmentGap());
        if (segs.isEmpty()) return Map.of();
        int nseg = segs.size();
        // selection windows per segment (pooled positions) and their segment-level checks
        int[] fitEnd = new int[nseg], evalLo = new int[nseg], evalHi = new int[nseg];
        boolean[] selects = new boolean[nseg];
        for (int i = 0; i < nseg; i++) {
            int vs = segs.get(i)[1];
            int e1 = Math.max(0, vs - rules.evalGap());
            int e0 = Math.max(0, e1 - CHUNK);
            int f = Math.max(0, e0 - rules.fitGap());
            fitEnd[i] = pool.pos(f);
            evalLo[i] = pool.pos(e0);
            evalHi[i] = pool.pos(e1);
            selects[i] = fitEnd[i] >= MIN_TRAIN_ROWS && evalHi[i] - evalLo[i] >= MIN_TRAIN_ROWS
                    && pool.bothClasses(0, fitEnd[i]) && pool.bothClasses(evalLo[i], evalHi[i]);
        }
        long t0 = System.nanoTime();
        float[][] auc = selectionAucs(selects, fitEnd, evalLo, evalHi);
        trace("selection %.2f s", t0);
        double[] imp = new double[h];
        double totalW = 0.0;
        for (int i = 0; i < nseg; i++) {
            if (!selects[i]) continue;
            double[] segImp = segment(i, segs.get(i), auc[i]);
            if (segImp == null) continue;
            double w = Math.pow(GAMMA, nseg - 1 - i);
            for (int j = 0; j < h; j++) imp[j] += w * segImp[j];
            totalW += w;
        }
        if (totalW <= 0) return Map.of();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        double total = 0.0;
        for (int j = 0; j < h; j++) {
            double v = imp[j] / totalW;
            if (v > 0) {
                out.put(s.hotkeys().get(j), v);
                total += v;
            }
        }
        if (total <= 0) return Map.of();
        final double tot = total;
        out.replaceAll((k, v) -> v / tot);
        return out;
    }

    /** {@code (s, s + gap, min(s + 8000, end))} from s = 0 while the validation start is inside. */
    static List<int[]> segments(int end, int gap) {
        List<int[]> out = new ArrayList<>();
        int st = 0;
        while (st < end) {
            int vs = st + gap;
            if (vs >= end) break;
            int e = Math.min(st + CHUNK, end);
            if (e <= vs) break;
            out.add(new int[] {st, vs, e});
            st = e;
        }
        return out;
    }

    /** Per segment (rows) and miner (columns) the selection AUC as float32; 0.5 where the reference keeps it. */
    private float[][] selectionAucs(boolean[] selects, int[] fitEnd, int[] evalLo, int[] evalHi) {
        int nseg = selects.length;
        float[][] auc = new float[nseg][h];
        for (float[] r : auc) Arrays.fill(r, 0.5f);
        int[] cps = IntStream.range(0, nseg).filter(i -> selects[i])
                .flatMap(i -> IntStream.of(fitEnd[i], evalLo[i], evalHi[i])).sorted().distinct().toArray();
        if (cps.length == 0) return auc;
        int size = Math.min(GROUP, Math.max(1, (h + 1) / 2));
        int groups = (h + size - 1) / size;
        IntStream.range(0, groups).parallel().forEach(g -> {
            int j0 = g * size, j1 = Math.min(h, j0 + size);
            short[][] cols = columns(j0, j1);
            for (int j = j0; j < j1; j++) {
                selectMiner(j, cols[j - j0], cps, auc, selects, fitEnd, evalLo, evalHi);
                cols[j - j0] = null;
            }
        });
        return auc;
    }

    /** Miners whose columns are extracted in one pass over the rows (the input is row-major over miners). */
    static final int GROUP = 16;

    private void selectMiner(int j, short[] col, int[] cps, float[][] auc, boolean[] selects, int[] fitEnd,
                             int[] evalLo, int[] evalHi) {
        PrefixHistograms hg = new PrefixHistograms(col, pool.y(), cps);
        for (int i = 0; i < selects.length; i++) {
            if (!selects[i]) continue;
            int f = Arrays.binarySearch(cps, fitEnd[i]);
            int lo = Arrays.binarySearch(cps, evalLo[i]);
            int hi = Arrays.binarySearch(cps, evalHi[i]);
            long[] cf = hg.classCounts(-1, f);
            long[] ce = hg.classCounts(lo, hi);
            if (cf[0] + cf[1] < MIN_BASE_ROWS || ce[0] + ce[1] < MIN_SEL_EVAL_ROWS) continue;
            if (rules.minDistinct() > 0 && hg.distinct(f) < rules.minDistinct()) continue;
            if (cf[0] == 0 || cf[1] == 0 || ce[0] == 0 || ce[1] == 0) continue;
            LogisticRegression.Model m = hg.fit(f, C, TOL, BASE_MAX_ITER, lbfgs, who(j));
            auc[i][j] = (float) hg.auc(lo, hi, m.coef()[0], who(j));
        }
    }

    /** One segment's importance per miner (coef · AUC scale), or null when the reference skips the segment. */
    private double[] segment(int i, int[] seg, float[] selAuc) {
        int k = Math.min(TOP_K, h);
        int[] selected = Arrays.copyOf(descendingStable(selAuc), k);
        if (TRACE) System.err.println("segment " + i + " sel_aucs " + Arrays.toString(selAuc) + " -> " + Arrays.toString(selected));
        int vs = seg[1], ve = seg[2];
        int cutoff = vs - rules.trainGap();
        if (cutoff <= 0) return null;
        int trEnd = pool.pos(cutoff), vaLo = pool.pos(vs), vaHi = pool.pos(ve);
        int nVa = vaHi - vaLo;
        if (nVa < MIN_TRAIN_ROWS || !pool.bothClasses(vaLo, vaHi)) return null;
        List<int[]> subs = segments(cutoff, rules.subGap());
        long t0 = System.nanoTime();
        float[][] trCols = new float[k][];
        float[][] vaCols = new float[k][];
        short[][] selCols = columns(selected); // one pass over the rows for the k selected miners
        IntStream.range(0, k).parallel().forEach(ci -> {
            float[][] c = metaColumn(selected[ci], selCols[ci], subs, trEnd, vaLo, vaHi);
            selCols[ci] = null;
            trCols[ci] = c[0];
            vaCols[ci] = c[1];
        });
        // rows of meta_train with any non-NaN, NaN -> 0 (float32, row-major)
        int[] keep = new int[trEnd];
        int r = 0;
        for (int p = 0; p < trEnd; p++) {
            for (int ci = 0; ci < k; ci++) {
                if (!Float.isNaN(trCols[ci][p])) {
                    keep[r++] = p;
                    break;
                }
            }
        }
        if (r < MIN_TRAIN_ROWS) return null;
        byte[] yMeta = new byte[r];
        float[] xMeta = new float[r * k];
        for (int q = 0; q < r; q++) {
            int p = keep[q];
            yMeta[q] = pool.y()[p];
            for (int ci = 0; ci < k; ci++) {
                float v = trCols[ci][p];
                xMeta[q * k + ci] = Float.isNaN(v) ? 0f : v;
            }
        }
        Arrays.fill(trCols, null);
        if (!bothClasses(yMeta)) return null;
        float[] xVa = new float[nVa * k];
        for (int q = 0; q < nVa; q++) {
            for (int ci = 0; ci < k; ci++) {
                float v = vaCols[ci][q];
                xVa[q * k + ci] = Float.isNaN(v) ? 0f : v;
            }
        }
        byte[] yVa = Arrays.copyOfRange(pool.y(), vaLo, vaHi);
        trace("segment " + i + " meta columns %.2f s", t0);
        t0 = System.nanoTime();
        double[] coef;
        double auc;
        MetaFit agg = bootstrapMeta(xMeta, k, yMeta, SEED + SEGMENT_SEED_STEP * (i + 1));
        if (TRACE && agg != null) System.err.println("boot rows " + r + " ypos " + IntStream.range(0, r).filter(q -> yMeta[q] != 0).count()
                + " coef " + Arrays.toString(Arrays.copyOf(agg.signedMean, 3)) + " " + agg.interceptMean + " " + Arrays.toString(Arrays.copyOf(agg.absMedianOfMeans, 3)));
        if (agg != null) {
            double[] proba = new double[nVa];
            for (int q = 0; q < nVa; q++) {
                double z = 0.0;
                for (int ci = 0; ci < k; ci++) z += xVa[q * k + ci] * agg.signedMean[ci];
                proba[q] = 1.0 / (1.0 + Math.exp(-(z + agg.interceptMean)));
            }
            double v = Auc.rocAuc(yVa, proba);
            auc = Double.isNaN(v) ? 0.5 : v;
            coef = agg.absMedianOfMeans;
        } else {
            int[] all = IntStream.range(0, r).toArray();
            LogisticRegression.Model m = SklearnLogistic.fitLbfgs(xMeta, k, all, yMeta,
                    SklearnLogistic.balancedSampleWeights(yMeta, null), C, TOL, META_MAX_ITER, lbfgs);
            double[] proba = new double[nVa];
            for (int q = 0; q < nVa; q++) {
                double z = 0.0;
                for (int ci = 0; ci < k; ci++) z += xVa[q * k + ci] * m.coef()[ci];
                proba[q] = 1.0 / (1.0 + Math.exp(-(z + m.intercept())));
            }
            auc = Auc.rocAuc(yVa, proba);
            coef = m.coef().clone();
            for (int ci = 0; ci < k; ci++) coef[ci] = Math.abs(coef[ci]);
        }
        trace("segment " + i + " meta fit %.2f s, rows " + r + ", auc " + auc + ", coef " + Arrays.toString(coef)
                + ", nva " + nVa, t0);
        double scale = Math.max((auc - 0.5) / 0.5, 0.0);
        double[] imp = new double[h];
        for (int ci = 0; ci < k; ci++) imp[selected[ci]] = coef[ci] * scale;
        return imp;
    }

    /**
     * Miner j's out-of-sample meta features: {@code [0]} over the train rows {@code [0, trEnd)} from the sub-segment
     * fits, {@code [1]} over the validation rows from the full fit; NaN where nothing was predicted.
     */
    private float[][] metaColumn(int j, short[] col, List<int[]> subs, int trEnd, int vaLo, int vaHi) {
        int[] cps = new int[subs.size() + 1];
        for (int q = 0; q < subs.size(); q++) cps[q] = pool.pos(subs.get(q)[1]);
        cps[subs.size()] = trEnd;
        int[] sorted = Arrays.stream(cps).sorted().distinct().toArray();
        PrefixHistograms hg = new PrefixHistograms(col, pool.y(), sorted);
        float[] tr = new float[trEnd];
        Arrays.fill(tr, Float.NaN);
        for (int[] sub : subs) {
            int from = pool.pos(sub[1]), to = pool.pos(sub[2]);
            int cp = Arrays.binarySearch(sorted, from);
            long[] cf = hg.classCounts(-1, cp);
            if (cf[0] + cf[1] < MIN_BASE_ROWS || !anyNonZero(col, from, to)) continue;
            if (cf[0] == 0 || cf[1] == 0) continue;
            LogisticRegression.Model m = hg.fit(cp, C, TOL, BASE_MAX_ITER, lbfgs, who(j));
            predict(col, from, to, m, tr, 0, j);
        }
        float[] va = new float[vaHi - vaLo];
        Arrays.fill(va, Float.NaN);
        int cp = Arrays.binarySearch(sorted, trEnd);
        long[] cf = hg.classCounts(-1, cp);
        if (cf[0] + cf[1] >= MIN_BASE_ROWS && cf[0] > 0 && cf[1] > 0) {
            LogisticRegression.Model m = hg.fit(cp, C, TOL, BASE_MAX_ITER, lbfgs, who(j));
            predict(col, vaLo, vaHi, m, va, vaLo, j);
        }
        return new float[][] {tr, va};
    }

    /** {@code decision_function} (float32 x · float64 w + b, in double) stored as float32, non-zero rows only. */
    private void predict(short[] col, int from, int to, LogisticRegression.Model m, float[] out, int offset, int j) {
        double w = m.coef()[0], b = m.intercept();
        for (int p = from; p < to; p++) {
            int r = PrefixHistograms.RANK[col[p] & 0xFFFF];
            if (r == PrefixHistograms.ZERO) continue;
            if (r == PrefixHistograms.NAN) throw PrefixHistograms.nan(who(j));
            out[p - offset] = (float) (PrefixHistograms.VALUE[r] * w + b);
        }
    }

    private static boolean anyNonZero(short[] col, int from, int to) {
        for (int p = from; p < to; p++) if (PrefixHistograms.RANK[col[p] & 0xFFFF] != PrefixHistograms.ZERO) return true;
        return false;
    }

    /** {@code _bootstrap_meta_l2}'s three aggregates. */
    record MetaFit(double[] signedMean, double interceptMean, double[] absMedianOfMeans) {}

    /**
     * {@code _bootstrap_meta_l2}: 20 block-bootstrap replicates (block 120) of the meta rows, each an l2 C 0.5
     * balanced lbfgs fit (max_iter 100); null when the bootstrap declines or no replicate survives.
     */
    MetaFit bootstrapMeta(float[] x, int k, byte[] y, long seed) {
        int t = y.length;
        List<double[]> reps = BlockBootstrap.replicates(y, N_BOOTSTRAP, BlockBootstrap.BLOCK_SIZE, seed, (rows, rs) -> {
            int[] mult = new int[t];
            for (int row : rows) mult[row]++;
            int u = 0;
            for (int m : mult) if (m > 0) u++;
            int[] idx = new int[u];
            byte[] yu = new byte[u];
            double[] mu = new double[u];
            u = 0;
            for (int row = 0; row < t; row++) {
                if (mult[row] == 0) continue;
                idx[u] = row;
                yu[u] = y[row];
                mu[u++] = mult[row];
            }
            try {
                LogisticRegression.Model m = SklearnLogistic.fitLbfgs(x, k, idx, yu,
                        SklearnLogistic.balancedSampleWeights(yu, mu), C, TOL, META_MAX_ITER, lbfgs);
                double[] v = Arrays.copyOf(m.coef(), k + 1);
                v[k] = m.intercept();
                return v;
            } catch (IllegalArgumentException | ArithmeticException e) {
                return null; // the reference skips a replicate whose fit raises
            }
        }, true);
        if (reps == null) return null;
        List<double[]> coefs = new ArrayList<>();
        List<double[]> abs = new ArrayList<>();
        double[] intercepts = new double[reps.size()];
        for (int b = 0; b < reps.size(); b++) {
            double[] v = reps.get(b);
            double[] c = Arrays.copyOf(v, k);
            coefs.add(c);
            double[] ac = new double[k];
            for (int q = 0; q < k; q++) ac[q] = Math.abs(c[q]);
            abs.add(ac);
            intercepts[b] = v[k];
        }
        return new MetaFit(BlockBootstrap.meanAxis0(coefs), NumpySum.mean(intercepts), BlockBootstrap.medianOfMeans(abs));
    }

    /** Miners {@code [j0, j1)}'s float16 bits over the pooled rows, in one pass (see {@link #columns(int[])}). */
    short[][] columns(int j0, int j1) {
        return columns(IntStream.range(j0, j1).toArray());
    }

    /**
     * The given miners' float16 bits over the pooled rows (0 where the stale filter zeroed a miner's asset column), in
     * one pass over the rows: the miners of a row lie within a few pages, so one pass reads them with far fewer misses
     * than a pass per miner.
     */
    short[][] columns(int[] js) {
        int n = pool.size(), m = js.length;
        short[][] out = new short[m][n];
        short[] hist = s.histBits();
        int[] t = pool.t();
        byte[] as = pool.asset();
        long stride = (long) h * a;
        for (int p = 0; p < n; p++) {
            int aa = as[p];
            long base = t[p] * stride + aa;
            for (int c = 0; c < m; c++) {
                int j = js[c];
                if (zeroed != null && zeroed[j * a + aa]) continue;
                out[c][p] = hist[(int) (base + (long) j * a)];
            }
        }
        return out;
    }

    private static final boolean TRACE = Boolean.getBoolean("tao4j.xsec.trace");

    private static void trace(String fmt, long t0) {
        if (TRACE) System.err.printf(fmt + " (process cpu %.1f s)%n", (System.nanoTime() - t0) / 1e9,
                ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
    }

    private String who(int j) {
        return rules.ticker() + ": hotkey " + s.hotkeys().get(j);
    }

    /** Indices by descending value, ties in index order ({@code np.argsort(−v, kind="stable")}). */
    static int[] descendingStable(float[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (p, q) -> Float.compare(-v[p], -v[q])); // TimSort: stable
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = idx[i];
        return out;
    }

    static boolean bothClasses(byte[] y) {
        boolean p = false, n = false;
        for (byte b : y) {
            if (b != 0) p = true; else n = true;
            if (p && n) return true;
        }
        return false;
    }
}
