package io.tao4j.mantis.salience.math;

/**
 * The Adam optimiser with PyTorch's defaults ({@code torch.optim.Adam(params, lr)}: beta1 = 0.9,
 * beta2 = 0.999, eps = 1e-8, no weight decay, no amsgrad). One instance updates one flat parameter
 * vector in place; PyTorch's update is reproduced exactly:
 * <pre>
 * m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 */
public final class Adam {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long step;

    public Adam(int size, double lr) {
        this(size, lr, 0.9, 0.999, 1e-8);
    }

    public Adam(int size, double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive: " + lr);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Applies one step with gradient {@code grad} to {@code params}. */
    public void step(double[] params, double[] grad) {
        if (params.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("parameter/gradient size mismatch");
        }
        step++;
        double bc1 = 1.0 - Math.pow(beta1, step);
        double bc2 = 1.0 - Math.pow(beta2, step);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        for (int i = 0; i < params.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1.0 - beta1) * g;
            v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
            double denom = Math.sqrt(v[i]) / sqrtBc2 + eps;
            params[i] -= stepSize * m[i] / denom;
        }
    }

    public long steps() {
        return step;
    }
}
