package io.tao4j.mantis.salience;

import io.tao4j.mantis.salience.math.Auc;
import io.tao4j.mantis.salience.math.LogisticRegression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Salience for binary (dim 2) challenges: MANTIS model.py {@code salience_binary_prediction} at 2e9bc5b.
 *
 * <p>Walk-forward over chunks of {@code CHUNK_SIZE} rows with a {@code LAG} embargo. In every window each
 * hotkey gets a base logistic model (liblinear, L2, C=0.5, balanced) fitted on its non-zero rows before
 * the selection split and is ranked by the ROC AUC of its decision values on the following chunk; the
 * top-K hotkeys' out-of-sample base predictions become the features of an elastic-net logistic
 * meta-model (saga objective, l1_ratio 0.5, C 1, balanced). A hotkey's window importance is the
 * meta coefficient's magnitude scaled by {@code max((AUC_meta - 0.5)/0.5, 0)} on the validation chunk;
 * windows are averaged with a recency half-life and the result normalised to sum 1.
 *
 * <p>Every base model in the reference is fitted on a prefix {@code [0, k*CHUNK)} of the rows, so each
 * (hotkey, prefix) model is fitted once and reused; hotkeys are processed in parallel with results
 * written to per-hotkey slots, so the output does not depend on the thread count.
 *
 * <p>Ties in the AUC ranking are broken by hotkey index (numpy's {@code argsort} does not promise an
 * order for ties).
 */
public final class BinaryScorer {
    /** Parameters (model.py reads them from config with these defaults; config.py sets only LAG). */
    public record Params(int lag, int chunkSize, int topK, int windowsHalfLife, double retEps, int minBaseTrain,
                         double metaL1Ratio, double metaC, int minMetaTrainRows, int maxIndexHistory,
                         double baseC) {
        public static Params defaults() {
            return new Params(MantisConfig.LAG, 4000, 20, 10, 0.0, 50, 0.5, 1.0, 50,
                    MantisConfig.MAX_INDEX_HISTORY, 0.5);
        }
    }

    private final Params params;

    public BinaryScorer() {
        this(Params.defaults());
    }

    public BinaryScorer(Params params) {
        this.params = params;
    }

    /** Salience per hotkey (all hotkeys, summing to 1), or an empty map when the reference returns {}. */
    public Map<String, Double> score(ChallengeSeries series, int expectedDim) {
        if (series.returns() == null || series.dim() != expectedDim || series.hotkeyCount() == 0) return Map.of();
        ChallengeSeries s = params.maxIndexHistory() > 0 ? series.tail(params.maxIndexHistory()) : series;
        final int T = s.rows();
        if (T < 500) return Map.of();
        final int H = s.hotkeyCount();
        final int dim = s.dim();
        final float[][] X = new float[H][];
        for (int j = 0; j < H; j++) X[j] = s.embedding(j);
        final float[] ret = s.returns();
        final byte[] y = new byte[T];
        int pos = 0;
        for (int t = 0; t < T; t++) {
            y[t] = (byte) (ret[t] > (float) params.retEps() ? 1 : 0);
            pos += y[t];
        }
        if (pos == 0 || pos == T) return Map.of();

        final boolean[][] nonzero = new boolean[H][T];
        final int[] firstNz = new int[H];
        for (int j = 0; j < H; j++) {
            firstNz[j] = T;
            float[] e = X[j];
            for (int t = 0; t < T; t++) {
                boolean nz = false;
                for (int k = 0; k < dim; k++) {
                    if (e[t * dim + k] != 0.0f) {
                        nz = true;
                        break;
                    }
                }
                nonzero[j][t] = nz;
                if (nz && firstNz[j] == T) firstNz[j] = t;
            }
        }

        final int lag = params.lag();
        final int chunk = params.chunkSize();
        List<int[]> windows = new ArrayList<>();
        for (int start = 0; ; ) {
            int valStart = start + lag;
            if (valStart >= T) break;
            int end = Math.min(start + chunk, T);
            if (end <= start) break;
            windows.add(new int[] {start, valStart, end});
            start = end;
        }
        if (windows.isEmpty()) return Map.of();

        final BaseModels base = new BaseModels(X, dim, y, nonzero, params);
        final double gamma = Math.pow(0.5, 1.0 / Math.max(1, params.windowsHalfLife()));
        float[] totalImp = new float[H];
        double totalWeight = 0.0;
        int windowIndex = 0;

        for (int[] win : windows) {
            final int valStart = win[1];
            final int valEnd = win[2];
            if (!hasBothClasses(y, valStart, valEnd)) continue;
            final int selEvalEnd = valStart;
            final int selEvalStart = Math.max(0, selEvalEnd - chunk);
            final int selFitEnd = Math.max(0, selEvalStart - lag);
            if (selFitEnd < params.minBaseTrain()) continue;

            final double[] selAuc = new double[H];
            IntStream.range(0, H).parallel().forEach(j -> {
                selAuc[j] = 0.5;
                if (firstNz[j] >= selFitEnd) return;
                LogisticRegression.Model m = base.model(j, selFitEnd);
                if (m == null) return;
                int n = 0;
                for (int t = selEvalStart; t < selEvalEnd; t++) if (nonzero[j][t]) n++;
                if (n == 0) return;
                byte[] yl = new byte[n];
                double[] sc = new double[n];
                int i = 0;
                for (int t = selEvalStart; t < selEvalEnd; t++) {
                    if (!nonzero[j][t]) continue;
                    yl[i] = y[t];
                    sc[i] = decision(m, X[j], t, dim);
                    i++;
                }
                double auc = Auc.rocAuc(yl, sc);
                if (!Double.isNaN(auc)) selAuc[j] = (float) auc; // stored as float32 in the reference
            });

            int topK = Math.min(params.topK(), H);
            if (topK <= 0) continue;
            Integer[] order = new Integer[H];
            for (int j = 0; j < H; j++) order[j] = j;
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(selAuc[b], selAuc[a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            final int[] selected = new int[topK];
            for (int k = 0; k < topK; k++) selected[k] = order[k];

            final int fitEndPred = Math.max(0, valStart - lag);
            if (fitEndPred <= 0) continue;
            final int K = topK;
            final int nVal = valEnd - valStart;
            final double[] trainSel = new double[fitEndPred * K];
            final double[] valSel = new double[nVal * K];
            Arrays.fill(trainSel, Double.NaN);
            Arrays.fill(valSel, Double.NaN);
            final List<int[]> oos = oosSegments(fitEndPred, chunk, lag);

            IntStream.range(0, K).parallel().forEach(col -> {
                int j = selected[col];
                if (firstNz[j] >= fitEndPred || fitEndPred < params.minBaseTrain()) return;
                for (int[] seg : oos) {
                    int trFitEnd = Math.max(0, seg[1] - lag);
                    if (trFitEnd < params.minBaseTrain()) continue;
                    LogisticRegression.Model m = base.model(j, trFitEnd);
                    if (m == null) continue;
                    for (int t = seg[1]; t < seg[2]; t++) {
                        if (nonzero[j][t]) trainSel[t * K + col] = decision(m, X[j], t, dim);
                    }
                }
                LogisticRegression.Model mv = base.model(j, fitEndPred);
                if (mv == null) return;
                for (int t = valStart; t < valEnd; t++) {
                    if (nonzero[j][t]) valSel[(t - valStart) * K + col] = decision(mv, X[j], t, dim);
                }
            });

            LogisticRegression.Model meta = fitMeta(trainSel, fitEndPred, K, y);
            if (meta == null) continue;

            byte[] yVal = Arrays.copyOfRange(y, valStart, valEnd);
            double[] probs = new double[nVal];
            double[] row = new double[K];
            for (int i = 0; i < nVal; i++) {
                for (int k = 0; k < K; k++) {
                    double v = valSel[i * K + k];
                    row[k] = Double.isNaN(v) ? 0.0 : v;
                }
                probs[i] = meta.probability(row, 0);
            }
            double baseAuc = Auc.rocAuc(yVal, probs);

            float[] windowImp = new float[H];
            for (int col = 0; col < K; col++) {
                int j = selected[col];
                int nn = 0;
                for (int i = 0; i < nVal; i++) if (!Double.isNaN(valSel[i * K + col])) nn++;
                if (nn <= 1) {
                    windowImp[j] = 0.0f;
                    continue;
                }
                double imp = Math.abs(meta.coef()[col]);
                windowImp[j] = imp > 0.0 ? (float) imp : 0.0f;
            }
            double scale = Math.max((baseAuc - 0.5) / 0.5, 0.0);
            for (int j = 0; j < H; j++) windowImp[j] = scale > 0 ? (float) (windowImp[j] * scale) : 0.0f;

            double w = Math.pow(gamma, Math.max(0, windows.size() - 1 - windowIndex));
            for (int j = 0; j < H; j++) totalImp[j] += (float) (w * windowImp[j]);
            totalWeight += w;
            windowIndex++;
        }

        if (totalWeight <= 0) return Map.of();
        double[] imp = new double[H];
        double total = 0.0;
        for (int j = 0; j < H; j++) {
            double v = (float) (totalImp[j] / totalWeight);
            imp[j] = v > 0.0 ? v : 0.0;
            total += imp[j];
        }
        if (!(total > 0)) return Map.of();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < H; j++) out.put(s.hotkeys().get(j), imp[j] / total);
        return out;
    }

    private LogisticRegression.Model fitMeta(double[] trainSel, int rows, int K, byte[] y) {
        int n = 0;
        boolean[] keep = new boolean[rows];
        for (int t = 0; t < rows; t++) {
            for (int k = 0; k < K; k++) {
                if (!Double.isNaN(trainSel[t * K + k])) {
                    keep[t] = true;
                    break;
                }
            }
            if (keep[t]) n++;
        }
        if (n < params.minMetaTrainRows()) return null;
        double[] xm = new double[n * K];
        byte[] ym = new byte[n];
        int i = 0;
        for (int t = 0; t < rows; t++) {
            if (!keep[t]) continue;
            for (int k = 0; k < K; k++) {
                double v = trainSel[t * K + k];
                xm[i * K + k] = Double.isNaN(v) ? 0.0 : v;
            }
            ym[i] = y[t];
            i++;
        }
        if (!hasBothClasses(ym, 0, n)) return null;
        return LogisticRegression.fitElasticNet(xm, n, K, ym, LogisticRegression.balancedWeights(ym),
                params.metaC(), params.metaL1Ratio());
    }

    static List<int[]> oosSegments(int fitEndExclusive, int chunk, int lag) {
        List<int[]> segs = new ArrayList<>();
        int start = 0;
        while (true) {
            int valStart = start + lag;
            if (valStart >= fitEndExclusive) break;
            int end = Math.min(start + chunk, fitEndExclusive);
            if (end <= valStart) break;
            segs.add(new int[] {start, valStart, end});
            start = end;
        }
        return segs;
    }

    private static boolean hasBothClasses(byte[] y, int from, int to) {
        boolean p = false, n = false;
        for (int t = from; t < to; t++) {
            if (y[t] != 0) p = true;
            else n = true;
            if (p && n) return true;
        }
        return false;
    }

    private static double decision(LogisticRegression.Model m, float[] e, int t, int dim) {
        double z = m.intercept();
        double[] c = m.coef();
        for (int k = 0; k < dim; k++) z += c[k] * (double) e[t * dim + k];
        return z;
    }

    /**
     * Per-hotkey cache of base models fitted on the non-zero rows of a prefix {@code [0, fitEnd)}.
     * Each hotkey's cache is touched only by the task handling that hotkey.
     */
    private static final class BaseModels {
        private final float[][] X;
        private final int dim;
        private final byte[] y;
        private final boolean[][] nonzero;
        private final Params params;
        private final List<Map<Integer, LogisticRegression.Model>> cache;
        private final List<Map<Integer, Boolean>> absent;

        BaseModels(float[][] X, int dim, byte[] y, boolean[][] nonzero, Params params) {
            this.X = X;
            this.dim = dim;
            this.y = y;
            this.nonzero = nonzero;
            this.params = params;
            this.cache = new ArrayList<>();
            this.absent = new ArrayList<>();
            for (int j = 0; j < X.length; j++) {
                cache.add(new HashMap<>());
                absent.add(new HashMap<>());
            }
        }

        /** The base model of hotkey j on prefix [0, fitEnd), or null where the reference skips it. */
        LogisticRegression.Model model(int j, int fitEnd) {
            Map<Integer, LogisticRegression.Model> c = cache.get(j);
            LogisticRegression.Model m = c.get(fitEnd);
            if (m != null || absent.get(j).containsKey(fitEnd)) return m;
            m = fit(j, fitEnd);
            if (m == null) absent.get(j).put(fitEnd, Boolean.TRUE);
            else c.put(fitEnd, m);
            return m;
        }

        private LogisticRegression.Model fit(int j, int fitEnd) {
            int n = 0;
            int pos = 0;
            for (int t = 0; t < fitEnd; t++) {
                if (nonzero[j][t]) {
                    n++;
                    pos += y[t];
                }
            }
            if (n < params.minBaseTrain() || pos == 0 || pos == n || n < 2) return null;
            double[] xs = new double[n * dim];
            byte[] ys = new byte[n];
            int i = 0;
            float[] e = X[j];
            for (int t = 0; t < fitEnd; t++) {
                if (!nonzero[j][t]) continue;
                for (int k = 0; k < dim; k++) xs[i * dim + k] = e[t * dim + k];
                ys[i] = y[t];
                i++;
            }
            // warm start from the longest shorter prefix already fitted (same unique optimum, fewer steps)
            double[] start = null;
            int best = -1;
            for (Map.Entry<Integer, LogisticRegression.Model> en : cache.get(j).entrySet()) {
                if (en.getKey() < fitEnd && en.getKey() > best) {
                    best = en.getKey();
                    double[] st = Arrays.copyOf(en.getValue().coef(), dim + 1);
                    st[dim] = en.getValue().intercept();
                    start = st;
                }
            }
            // scikit-learn: solver="liblinear" (n_features <= 4), penalty="l2", C=0.5, class_weight="balanced"
            return LogisticRegression.fitL2(xs, n, dim, ys, LogisticRegression.balancedWeights(ys),
                    params.baseC(), true, start);
        }
    }
}
