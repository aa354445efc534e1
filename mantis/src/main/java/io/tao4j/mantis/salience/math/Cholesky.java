package io.tao4j.mantis.salience.math;

/** Solves symmetric positive definite systems by Cholesky factorisation (with a tiny ridge fallback). */
final class Cholesky {
    private Cholesky() {}

    /** Solves {@code A x = b} for an SPD row-major {@code q*q} matrix; A is not modified. */
    static double[] solve(double[] a, int q, double[] b) {
        double ridge = 0.0;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[] l = factor(a, q, ridge);
            if (l != null) {
                double[] y = new double[q];
                for (int i = 0; i < q; i++) {
                    double s = b[i];
                    for (int k = 0; k < i; k++) s -= l[i * q + k] * y[k];
                    y[i] = s / l[i * q + i];
                }
                double[] x = new double[q];
                for (int i = q - 1; i >= 0; i--) {
                    double s = y[i];
                    for (int k = i + 1; k < q; k++) s -= l[k * q + i] * x[k];
                    x[i] = s / l[i * q + i];
                }
                return x;
            }
            double diag = 0;
            for (int i = 0; i < q; i++) diag = Math.max(diag, Math.abs(a[i * q + i]));
            ridge = ridge == 0.0 ? Math.max(diag, 1.0) * 1e-12 : ridge * 100;
        }
        throw new ArithmeticException("matrix is not positive definite");
    }

    private static double[] factor(double[] a, int q, double ridge) {
        double[] l = new double[q * q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * q + j] + (i == j ? ridge : 0.0);
                for (int k = 0; k < j; k++) s -= l[i * q + k] * l[j * q + k];
                if (i == j) {
                    if (!(s > 0)) return null;
                    l[i * q + i] = Math.sqrt(s);
                } else {
                    l[i * q + j] = s / l[j * q + j];
                }
            }
        }
        return l;
    }
}
