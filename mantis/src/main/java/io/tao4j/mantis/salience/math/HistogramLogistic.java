package io.tao4j.mantis.salience.math;

/**
 * {@code LogisticRegression(penalty="l2", solver="lbfgs", C)} (no class or sample weights) on ONE feature, fitted
 * from the feature's (value, label) histogram instead of its rows. The rows of a univariate fit enter sklearn's
 * objective {@code (1/n)·Σ logloss(yᵢ, w·xᵢ + b) + w²/(2·C·n)} only through their (value, label) pairs, so a fit on
 * the distinct values weighted by their counts is the same objective (only the summation order, i.e. rounding,
 * differs) and {@link LbfgsB} with sklearn's options ({@link SklearnLogistic.LbfgsRules}) walks the same iterates
 * as the row fit and stops where it stops.
 *
 * <p>Evaluation costs O(orders), not O(distinct values): with {@code M_k = Σ_d n_d·v_d^k} the softplus part of the
 * loss is the Taylor series {@code Σ_k c_k(b)·w^k·M_k}, {@code c_k = softplus⁽ᵏ⁾(b)/k!}, computed from the logistic
 * function's own series ({@code σ' = σ(1−σ)} gives {@code (k+1)s_{k+1} = s_k − Σ s_i s_{k−i}}). softplus is analytic
 * in a strip of half-width π around the real axis, so for {@code |w|·max|v| ≤ 1.2} the {@value #ORDERS}-term
 * truncation error is below 1e−16 relative; points outside that radius (large trial steps of the line search) are
 * evaluated directly over the histogram.
 */
public final class HistogramLogistic {
    /** Highest power kept in the series. */
    static final int ORDERS = 44;
    /** Largest |w|·max|v| evaluated by the series: (1.2/π)^44 < 1e−18. */
    static final double SERIES_RADIUS = 1.2;

    private final double[] v;
    private final double[] n0;
    private final double[] n1;
    private final int d;
    private final double n;
    private final double nPos;
    private final double sumPosV;
    private final double vmax;
    private double[] moments; // M_0 .. M_ORDERS over both labels, computed on first use

    /**
     * @param values distinct finite feature values (any order)
     * @param neg    count of label-0 rows per value
     * @param pos    count of label-1 rows per value
     * @param count  number of values used ({@code [0, count)})
     */
    public HistogramLogistic(double[] values, double[] neg, double[] pos, int count) {
        this.v = values;
        this.n0 = neg;
        this.n1 = pos;
        this.d = count;
        double tot = 0, tp = 0, spv = 0, vm = 0;
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException("X contains NaN or infinity");
            tot += neg[i] + pos[i];
            tp += pos[i];
            spv += pos[i] * values[i];
            vm = Math.max(vm, Math.abs(values[i]));
        }
        this.n = tot;
        this.nPos = tp;
        this.sumPosV = spv;
        this.vmax = vm;
    }

    /** Rows in the histogram. */
    public double rows() {
        return n;
    }

    /**
     * The lbfgs fit (sklearn's {@code n_iter_} in the model's iterations).
     *
     * @throws IllegalArgumentException when the histogram is empty or has one class
     */
    public LogisticRegression.Model fitLbfgs(double c, double tol, int maxIter, SklearnLogistic.LbfgsRules rules) {
        if (!(n > 0) || !(nPos > 0) || !(nPos < n)) throw new IllegalArgumentException("need rows of both classes");
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        return rules.minimize(this::evaluate, 1, n, c, tol, maxIter);
    }

    /**
     * Unnormalised loss {@code Σ rows logloss(y, w·v + b)}; writes its gradient (d/dw, d/db) into {@code g}.
     */
    double evaluate(double[] x, double[] g) {
        double w = x[0], b = x[1];
        if (Math.abs(w) * vmax <= SERIES_RADIUS) return series(w, b, g);
        return direct(w, b, g);
    }

    double direct(double w, double b, double[] g) {
        double f = 0, gw = 0, gb = 0;
        for (int i = 0; i < d; i++) {
            double z = w * v[i] + b;
            double ez = Math.exp(-Math.abs(z));
            double sp = Math.max(z, 0.0) + LogisticRegression.log1pSmall(ez);
            double sig = z >= 0 ? 1.0 / (1.0 + ez) : ez / (1.0 + ez);
            double m = n0[i] + n1[i];
            f += m * sp - n1[i] * z;
            double r = m * sig - n1[i];
            gw += r * v[i];
            gb += r;
        }
        g[0] = gw;
        g[1] = gb;
        return f;
    }

    private double series(double w, double b, double[] g) {
        double[] m = moments();
        int k = ORDERS;
        // s[j]: Taylor coefficients of σ(b + u); c_0 = softplus(b), c_j = s_{j−1}/j
        double[] s = new double[k + 1];
        double eb = Math.exp(-Math.abs(b));
        s[0] = b >= 0 ? 1.0 / (1.0 + eb) : eb / (1.0 + eb);
        for (int j = 0; j < k; j++) {
            double conv = 0;
            for (int i = 0; i <= j; i++) conv += s[i] * s[j - i];
            s[j + 1] = (s[j] - conv) / (j + 1);
        }
        double soft0 = Math.max(b, 0.0) + LogisticRegression.log1pSmall(eb);
        // f = Σ_j c_j w^j M_j ; df/dw = Σ_j j c_j w^{j−1} M_j = Σ_{j≥1} s_{j−1} w^{j−1} M_j ; df/db = Σ_j s_j w^j M_j
        double f = soft0 * m[0];
        double gw = 0, gb = 0;
        double wp = 1.0; // w^(j−1)
        for (int j = 1; j <= k; j++) {
            double t = s[j - 1] * wp; // s_{j−1} w^{j−1}
            gw += t * m[j];
            gb += t * m[j - 1];
            f += t * w * m[j] / j;
            wp *= w;
        }
        g[0] = gw - sumPosV;
        g[1] = gb - nPos;
        return f - (w * sumPosV + b * nPos);
    }

    private double[] moments() {
        if (moments == null) {
            double[] m = new double[ORDERS + 1];
            for (int i = 0; i < d; i++) {
                double cnt = n0[i] + n1[i];
                if (cnt == 0) continue;
                double p = cnt;
                double x = v[i];
                for (int j = 0; j <= ORDERS; j++) {
                    m[j] += p;
                    p *= x;
                }
            }
            moments = m;
        }
        return moments;
    }
}
