package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.BlockBootstrap;
import io.tao4j.mantis.salience.math.NumpySum;
import io.tao4j.mantis.salience.math.SampleWeights;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import io.tao4j.mantis.salience.sybil.ColumnView;
import io.tao4j.mantis.salience.sybil.History;
import io.tao4j.mantis.salience.sybil.LbfgsJointCohorts;
import io.tao4j.mantis.salience.sybil.Representatives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two LBFGS paths at HEAD (spec §5.4, §5.5), both on the history reduced to LBFGS joint-cohort
 * representatives (§5.2.7) and equalised within cohorts on the way out:
 * <ul>
 *   <li>{@link #classifier}: {@code bucket_forecast.compute_linear_salience} — walk-forward segments of 12 000
 *       rows after 24 000 warm-up rows; per segment, OOS balanced-accuracy lift of each miner's argmax bucket times
 *       a per-class bootstrapped liblinear meta weight (coef², 20 × 120 rows), vote check, recency decay; then the
 *       uniqueness penalty and the top 25.</li>
 *   <li>{@link #qPath}: {@code _compute_q_path_salience_impl} — 12 bootstrapped liblinear fits (classes 0, 1, 3,
 *       4 × thresholds 0.5σ, 1σ, 2σ) of threshold hits on the miners' Q logits; mean of the normalised |coef|
 *       vectors, top 25.</li>
 * </ul>
 */
public final class HeadLbfgsScorer {
    static final int D = 17;
    static final int K = 5;
    static final int WF_CHUNK = 12_000;
    static final int MAX_TRAIN = 3 * WF_CHUNK;
    static final int META_K = 100;
    static final int TOP_K = 25;
    static final double RECENCY_GAMMA = Math.pow(0.5, (WF_CHUNK * 60.0 / 86_400.0) / 15.0);
    static final int BOOTSTRAP_N = 20;
    static final int RECENT_SAMPLES = 14_000;
    static final double RECENT_MASS = 0.5;
    private static final int[] Q_CLASSES = {0, 1, 3, 4};
    private static final int[] Q_START = {5, 8, -1, 11, 14};
    private static final double[] Q_THR = {0.5, 1.0, 2.0};

    /** The cohort reduction, computed once per challenge and shared by both paths. */
    public static LbfgsJointCohorts.Reduction reduce(History hist) {
        return LbfgsJointCohorts.reduce(hist);
    }

    /** {@code compute_lbfgs_salience}: the classifier path on the reduced history, equalised. */
    public static Map<String, Double> classifier(LbfgsJointCohorts.Reduction red, double[] price, int blocksAhead,
                                                 int sampleEvery) {
        Map<String, Double> s = linear(red.view(), price, blocksAhead, sampleEvery);
        return red.fullToRep().isEmpty() ? s : Representatives.equalize(s, red.fullToRep());
    }

    /** {@code compute_q_path_salience}: the Q path on the reduced history, equalised. */
    public static Map<String, Double> qPath(LbfgsJointCohorts.Reduction red, double[] price, int blocksAhead,
                                            int sampleEvery) {
        Map<String, Double> s = q(red.view(), price, blocksAhead, sampleEvery);
        return red.fullToRep().isEmpty() ? s : Representatives.equalize(s, red.fullToRep());
    }

    /**
     * {@code bp[t, m, :]}: the K bucket values clipped at 1e-6 and divided by their float32 sum (c ascending), into
     * {@code out}. Recomputed on demand instead of kept for every row and miner (n·H·K floats). Returns whether
     * any raw bucket value exceeds 0.01 (the miner's activity on that row).
     */
    private static boolean bp(ColumnView hist, int t, int m, float[] out) {
        float sum = 0f;
        boolean active = false;
        for (int c = 0; c < K; c++) {
            float cl = Math.max(hist.at(t, m, c), 1e-6f);
            active |= cl > 0.01f; // the raw value's test: clipping at 1e-6 keeps (and NaN stays) on its side of 0.01
            out[c] = cl;
            sum += cl;
        }
        for (int c = 0; c < K; c++) out[c] = out[c] / sum;
        return active;
    }

    static Map<String, Double> linear(ColumnView hist, double[] price, int blocksAhead, int sampleEvery) {
        int req = HeadLabels.MIN_REQUIRED_SAMPLES;
        int h = hist.hotkeys();
        if (h == 0 || price.length < req || hist.rows() < req || hist.dim() != D) return Map.of();
        int hs = HeadLabels.horizonSteps(blocksAhead, sampleEvery);
        HeadLabels.Bins bins = HeadLabels.makeBins(price, hs, Math.max(req / 2, 1000));
        int n = bins.validIdx().length;
        if (n < req) return Map.of();
        int[] y = bins.labels();
        // bp (float32, clipped at 1e-6, normalised over the 5 buckets; recomputed where needed, see bp()), argmax
        // and activity
        int[] pred = new int[n * h];
        int[] activeCount = new int[h];
        float[] bpRow = new float[K];
        for (int r = 0; r < n; r++) {
            int t = bins.validIdx()[r];
            for (int m = 0; m < h; m++) {
                boolean act = bp(hist, t, m, bpRow);
                int am = 0;
                for (int c = 0; c < K; c++) if (bpRow[c] > bpRow[am]) am = c;
                pred[r * h + m] = am;
                if (act) activeCount[m]++;
            }
        }
        List<Integer> act = new ArrayList<>();
        for (int m = 0; m < h; m++) if ((double) activeCount[m] / n > 0.05) act.add(m);
        int na = act.size();
        if (na < 2) return Map.of();
        int[] active = act.stream().mapToInt(Integer::intValue).toArray();
        List<int[]> segs = new ArrayList<>();
        for (int f = 2 * WF_CHUNK; f < n; ) {
            int ve = Math.min(f + WF_CHUNK, n);
            if (ve - f < 200) break;
            segs.add(new int[] {f, ve});
            f = ve;
        }
        if (segs.isEmpty()) return Map.of();
        double[] totalImp = new double[na];
        double totalW = 0.0;
        for (int si = 0; si < segs.size(); si++) {
            int vs = segs.get(si)[0], ve = segs.get(si)[1];
            if (!multiClass(y, vs, ve)) continue;
            int ts = Math.max(0, vs - MAX_TRAIN);
            int tlen = vs - ts;
            double[] baOos = balancedAccuracy(pred, h, active, y, vs, ve);
            double[] lift = new double[na];
            double maxLift = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < na; a++) {
                lift[a] = Math.max(baOos[a] - 0.2, 0.0);
                maxLift = Math.max(maxLift, lift[a]);
            }
            if (maxLift <= 0) continue;
            double[] baTrain = balancedAccuracy(pred, h, active, y, ts, vs);
            int metaK = Math.min(META_K, na);
            Integer[] ord = new Integer[na];
            for (int a = 0; a < na; a++) ord[a] = a;
            Arrays.sort(ord, (a, b) -> Double.compare(baTrain[b], baTrain[a]));
            int[] selected = new int[metaK];
            for (int i = 0; i < metaK; i++) selected[i] = ord[i];
            float[] sw32 = SampleWeights.recentMassWeights(tlen, RECENT_SAMPLES, RECENT_MASS);
            double[] sw = new double[tlen];
            for (int i = 0; i < tlen; i++) sw[i] = sw32[i];
            double[] metaSel = new double[metaK];
            float[][] bpSel = null; // [class][i·metaK + k], the selected miners' bp over the training rows
            double[] feat = null;
            for (int c = 0; c < K; c++) {
                byte[] yc = new byte[tlen];
                for (int i = 0; i < tlen; i++) yc[i] = (byte) (y[ts + i] == c ? 1 : 0);
                if (!HeadHitFirstScorer.bothClasses(yc)) continue;
                if (bpSel == null) {
                    bpSel = new float[K][tlen * metaK];
                    feat = new double[tlen * metaK];
                    for (int i = 0; i < tlen; i++) {
                        int t = bins.validIdx()[ts + i];
                        for (int k = 0; k < metaK; k++) {
                            bp(hist, t, active[selected[k]], bpRow);
                            for (int cc = 0; cc < K; cc++) bpSel[cc][i * metaK + k] = bpRow[cc];
                        }
                    }
                }
                float[] col = bpSel[c];
                for (int j = 0; j < feat.length; j++) feat[j] = col[j];
                double[] agg = bootstrapL2(feat, tlen, metaK, yc, sw, 0.1, 100, 42L + 1000L * (si + 1) + c);
                for (int k = 0; k < metaK; k++) metaSel[k] += agg[k] * agg[k];
            }
            double[] metaImp = new double[na];
            for (int k = 0; k < metaK; k++) metaImp[selected[k]] = metaSel[k];
            double maxMeta = Arrays.stream(metaImp).max().orElse(0.0);
            double[] segImp = new double[na];
            for (int a = 0; a < na; a++) segImp[a] = lift[a] * (maxMeta > 0 ? metaImp[a] / maxMeta : 1.0);
            double segSum = NumpySum.sum(segImp);
            if (segSum <= 0) continue;
            double[] impNorm = new double[na];
            for (int a = 0; a < na; a++) impNorm[a] = segImp[a] / segSum;
            int len = ve - vs;
            int[] segPred = new int[len];
            double[] row = new double[na];
            for (int i = 0; i < len; i++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < K; c++) {
                    for (int a = 0; a < na; a++) row[a] = pred[(vs + i) * h + active[a]] == c ? impNorm[a] : 0.0;
                    double v = NumpySum.sum(row);
                    if (v > best) {
                        best = v;
                        segPred[i] = c;
                    }
                }
            }
            double segBa = balancedAccuracy1(y, vs, segPred);
            if (segBa <= 0.2) continue;
            double w = Math.pow(RECENCY_GAMMA, segs.size() - 1 - si);
            for (int a = 0; a < na; a++) totalImp[a] += segImp[a] * w;
            totalW += w;
        }
        if (totalW <= 0) return Map.of();
        double[] imp = new double[h];
        for (int a = 0; a < na; a++) imp[active[a]] = totalImp[a] / totalW;
        if (NumpySum.sum(imp) <= 0) return Map.of();
        List<Integer> nzl = new ArrayList<>();
        for (int m = 0; m < h; m++) if (imp[m] > 0) nzl.add(m);
        if (nzl.size() > 1) {
            nzl.sort((a, b) -> Double.compare(imp[b], imp[a]));
            int tailFrom = Math.max(0, n - WF_CHUNK);
            int tl = n - tailFrom;
            double[] pen = new double[nzl.size()];
            pen[0] = 1.0;
            for (int i = 1; i < nzl.size(); i++) {
                int mi = nzl.get(i);
                double bestOv = 0.0;
                for (int j = 0; j < i; j++) {
                    int mj = nzl.get(j);
                    int same = 0;
                    for (int r = tailFrom; r < n; r++) if (pred[r * h + mi] == pred[r * h + mj]) same++;
                    double ov = same / (double) tl;
                    if (ov > bestOv) bestOv = ov;
                }
                pen[i] = (1.0 - bestOv) * (1.0 - bestOv);
            }
            for (int i = 0; i < nzl.size(); i++) imp[nzl.get(i)] *= pen[i];
        }
        if (NumpySum.sum(imp) <= 0) return Map.of();
        return topAndNormalise(hist, imp);
    }

    static Map<String, Double> q(ColumnView hist, double[] price, int blocksAhead, int sampleEvery) {
        int req = HeadLabels.MIN_REQUIRED_SAMPLES;
        int h = hist.hotkeys();
        if (h == 0 || price.length < req || hist.rows() < req || hist.dim() != D) return Map.of();
        int hs = HeadLabels.horizonSteps(blocksAhead, sampleEvery);
        int t = price.length;
        int lenR = t - hs;
        if (lenR <= 1) return Map.of();
        HeadLabels.Bins bins = HeadLabels.makeBins(price, hs, Math.max(req / 2, 1000));
        int[] yr = new int[lenR];
        Arrays.fill(yr, -1);
        for (int i = 0; i < bins.validIdx().length; i++) yr[bins.validIdx()[i]] = bins.labels()[i];
        double[] sigma = HeadLabels.placedRollingStd(HeadLabels.horizonReturns(price, hs), Math.max(req, 10), lenR);
        double[] lp = HeadLabels.logPrice(price);
        // t0 = 1 .. lenR-1; window logp[t0 .. t0+hs]
        int n0 = lenR - 1;
        double[] up = new double[n0], dn = new double[n0], sg = new double[n0];
        boolean[] valid = new boolean[n0];
        boolean any = false;
        for (int i = 0; i < n0; i++) {
            int t0 = i + 1;
            double mx = Double.NEGATIVE_INFINITY, mn = Double.POSITIVE_INFINITY;
            for (int k = t0; k <= t0 + hs; k++) {
                mx = Math.max(mx, lp[k]);
                mn = Math.min(mn, lp[k]);
            }
            up[i] = mx - lp[t0 - 1];
            dn[i] = mn - lp[t0 - 1];
            sg[i] = sigma[t0];
            valid[i] = Double.isFinite(sg[i]) && sg[i] > 0.0 && yr[t0] >= 0;
            any |= valid[i];
        }
        if (!any) return Map.of();
        List<double[]> perModel = new ArrayList<>();
        for (int c : Q_CLASSES) {
            int start = Q_START[c];
            int cnt = 0;
            for (int i = 0; i < n0; i++) if (valid[i] && yr[i + 1] == c) cnt++;
            if (cnt == 0) continue;
            int[] tSel = new int[cnt];
            double[] tSelD = new double[cnt];
            int k = 0;
            for (int i = 0; i < n0; i++) {
                if (valid[i] && yr[i + 1] == c) {
                    tSel[k] = i + 1;
                    tSelD[k] = i + 1;
                    k++;
                }
            }
            float[] sw32 = SampleWeights.recentMassWeights(tSelD, RECENT_SAMPLES, RECENT_MASS);
            double[] sw = new double[cnt];
            for (int i = 0; i < cnt; i++) sw[i] = sw32[i];
            for (int j = 0; j < 3; j++) {
                byte[] yh = new byte[cnt];
                for (int i = 0; i < cnt; i++) {
                    int ii = tSel[i] - 1;
                    double thr = Q_THR[j] * sg[ii];
                    boolean hit = (c == 3 || c == 4) ? dn[ii] <= -thr : up[ii] >= thr;
                    yh[i] = (byte) (hit ? 1 : 0);
                }
                if (cnt < 100 || !HeadHitFirstScorer.bothClasses(yh)) continue;
                double[] x = new double[cnt * h];
                for (int i = 0; i < cnt; i++) {
                    for (int m = 0; m < h; m++) {
                        double qv = hist.at(tSel[i], m, start + j);
                        if (!Double.isFinite(qv) || qv == 0.0) qv = 0.5;
                        x[i * h + m] = HeadLabels.logit(qv);
                    }
                }
                double[] agg = bootstrapL2(x, cnt, h, yh, sw, 0.5, 500, 42L + 17L * c + j);
                double cs = NumpySum.sum(agg);
                if (cs > 0) {
                    double[] v = new double[h];
                    for (int m = 0; m < h; m++) v[m] = agg[m] / cs;
                    perModel.add(v);
                }
            }
        }
        if (perModel.isEmpty()) return Map.of();
        double[] wAvg = BlockBootstrap.meanAxis0(perModel);
        if (wAvg.length > TOP_K) {
            Integer[] ord = order(wAvg);
            double[] kept = new double[TOP_K];
            for (int i = 0; i < TOP_K; i++) kept[i] = wAvg[ord[i]];
            double s = NumpySum.sum(kept);
            double[] pruned = new double[wAvg.length];
            if (s > 0.0) for (int i = 0; i < TOP_K; i++) pruned[ord[i]] = kept[i] / s;
            wAvg = pruned;
        }
        String[] idx2hk = hist.idx2hk().clone();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < h; i++) if (idx2hk[i] != null && wAvg[i] > 0.0) out.put(idx2hk[i], wAvg[i]);
        return out;
    }

    /**
     * {@code _bootstrap_l2_abs_coef} with the single-fit fallback (random_state 42): aggregated |coef|. Each
     * replicate fits its rows of {@code x} in place (no copy of the replicate's design), with the balanced weights
     * of its own labels and sample weights.
     */
    static double[] bootstrapL2(double[] x, int n, int p, byte[] y, double[] sw, double c, int maxIter, long seed) {
        double[] agg = BlockBootstrap.run(y, BOOTSTRAP_N, BlockBootstrap.BLOCK_SIZE, seed, (rows, replicateSeed) -> {
            HeadBinaryScorer.Replicate rep = HeadBinaryScorer.Replicate.of(rows, y, sw);
            try {
                return HeadBinaryScorer.absCoef(SklearnLogistic.fitLiblinear(x, p, rows, rep.y(), rep.weights(), c,
                        1e-4, maxIter));
            } catch (IllegalArgumentException | ArithmeticException e) {
                return null; // the reference skips a replicate whose fit raises
            }
        }, true); // replicates in parallel: a core left idle by the other challenges helps; fixed slots, same result
        if (agg != null) return agg;
        return HeadBinaryScorer.absCoef(SklearnLogistic.fitLiblinear(x, n, p, y,
                SklearnLogistic.balancedSampleWeights(y, sw), c, 1e-4, maxIter));
    }

    /** {@code _vectorized_balanced_accuracy} over rows [lo, hi): Σ_c present mean(pred = c | y = c) / 5. */
    private static double[] balancedAccuracy(int[] pred, int h, int[] active, int[] y, int lo, int hi) {
        double[] out = new double[active.length];
        for (int c = 0; c < K; c++) {
            int nc = 0;
            int[] hits = new int[active.length];
            for (int r = lo; r < hi; r++) {
                if (y[r] != c) continue;
                nc++;
                for (int a = 0; a < active.length; a++) if (pred[r * h + active[a]] == c) hits[a]++;
            }
            if (nc > 0) for (int a = 0; a < active.length; a++) out[a] += hits[a] / (double) nc;
        }
        for (int a = 0; a < active.length; a++) out[a] /= K;
        return out;
    }

    /** {@code _balanced_accuracy}: mean over present classes of the per-class recall. */
    private static double balancedAccuracy1(int[] y, int from, int[] pred) {
        double sum = 0.0;
        int classes = 0;
        for (int c = 0; c < K; c++) {
            int nc = 0, hit = 0;
            for (int i = 0; i < pred.length; i++) {
                if (y[from + i] != c) continue;
                nc++;
                if (pred[i] == c) hit++;
            }
            if (nc > 0) {
                sum += hit / (double) nc;
                classes++;
            }
        }
        return classes == 0 ? 0.0 : sum / classes;
    }

    private static boolean multiClass(int[] y, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) if (y[i] != y[lo]) return true;
        return false;
    }

    private static Integer[] order(double[] v) {
        Integer[] ord = new Integer[v.length];
        for (int i = 0; i < v.length; i++) ord[i] = i;
        Arrays.sort(ord, (a, b) -> Double.compare(v[b], v[a]));
        return ord;
    }

    private static Map<String, Double> topAndNormalise(ColumnView hist, double[] imp) {
        int h = imp.length;
        Integer[] ord = order(imp);
        double[] pruned = new double[h];
        for (int i = 0; i < Math.min(TOP_K, h); i++) pruned[ord[i]] = imp[ord[i]];
        double s = NumpySum.sum(pruned);
        if (s <= 0) return Map.of();
        String[] idx2hk = hist.idx2hk().clone();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < h; i++) {
            double v = pruned[i] / s;
            if (v > 0 && idx2hk[i] != null) out.put(idx2hk[i], v);
        }
        return out;
    }
}
