package io.tao4j.mantis.salience.math;

/** Numerically stable softmax (max-shifted), as {@code torch.softmax(x, dim=0)}. */
public final class Softmax {
    private Softmax() {}

    public static double[] softmax(double[] x) {
        double[] out = new double[x.length];
        softmaxInto(x, out);
        return out;
    }

    public static void softmaxInto(double[] x, double[] out) {
        if (x.length == 0) return;
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) m = Math.max(m, v);
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i] - m);
            out[i] = e;
            s += e;
        }
        for (int i = 0; i < x.length; i++) out[i] /= s;
    }

    /** log(sum(exp(x))) computed stably. */
    public static double logSumExp(double[] x, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) m = Math.max(m, x[i]);
        if (m == Double.NEGATIVE_INFINITY) return m;
        double s = 0.0;
        for (int i = from; i < to; i++) s += Math.exp(x[i] - m);
        return m + Math.log(s);
    }

    /**
     * Gradient of a loss through softmax: given w = softmax(theta) and g = dL/dw, returns dL/dtheta
     * = w * (g - sum(w * g)).
     */
    public static void backward(double[] w, double[] gradW, double[] gradThetaOut) {
        double dot = 0.0;
        for (int i = 0; i < w.length; i++) dot += w[i] * gradW[i];
        for (int i = 0; i < w.length; i++) gradThetaOut[i] = w[i] * (gradW[i] - dot);
    }
}
