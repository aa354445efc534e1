package io.tao4j.mantis.salience.math;

/**
 * Discrete Fourier transform of any length {@code n}, in double precision: an iterative radix-2 transform when
 * {@code n} is a power of two, Bluestein's chirp-z algorithm (one radix-2 convolution of length ≥ 2n − 1) otherwise.
 * {@link #forward} computes {@code X[f] = Σ_t x[t]·exp(−2πi·f·t/n)}, {@link #inverse} the unnormalised
 * {@code x[t] = Σ_f X[f]·exp(+2πi·f·t/n)} (divide by {@code n} for the inverse DFT). Errors are of the order of
 * {@code ε·log₂(n)} relative to the norm of the input, as for numpy's pocketfft. A plan holds its tables and scratch
 * buffers, so one instance must not be shared between threads; make one per thread ({@link #copy}).
 */
public final class Fft {
    private final int n;
    /** Radix-2 length: n itself, or the Bluestein convolution length. */
    private final int m;
    private final double[] cos;
    private final double[] sin;
    private final int[] rev;
    // Bluestein: chirp w[k] = exp(−iπk²/n) and the transform of the conjugate chirp, zero-padded to m
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernRe;
    private final double[] kernIm;
    private final double[] bufRe;
    private final double[] bufIm;

    public Fft(int n) {
        if (n < 1) throw new IllegalArgumentException("FFT length must be positive: " + n);
        this.n = n;
        boolean pow2 = (n & (n - 1)) == 0;
        // smallest power of two ≥ 2n − 1 (2n − 1 is odd, so strictly above its highest bit)
        this.m = pow2 ? n : Integer.highestOneBit(2 * n - 1) << 1;
        this.cos = new double[Math.max(1, m / 2)];
        this.sin = new double[Math.max(1, m / 2)];
        for (int k = 0; k < m / 2; k++) {
            double ang = -2.0 * Math.PI * k / m;
            cos[k] = Math.cos(ang);
            sin[k] = Math.sin(ang);
        }
        this.rev = new int[m];
        int bits = Integer.numberOfTrailingZeros(m);
        for (int i = 0; i < m; i++) rev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        if (pow2) {
            chirpRe = chirpIm = kernRe = kernIm = bufRe = bufIm = null;
        } else {
            chirpRe = new double[n];
            chirpIm = new double[n];
            long twoN = 2L * n;
            for (int k = 0; k < n; k++) {
                long k2 = ((long) k * k) % twoN; // exact phase index: πk²/n = π·(k² mod 2n)/n
                double ang = -Math.PI * k2 / n;
                chirpRe[k] = Math.cos(ang);
                chirpIm[k] = Math.sin(ang);
            }
            kernRe = new double[m];
            kernIm = new double[m];
            kernRe[0] = chirpRe[0];
            kernIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernRe[k] = kernRe[m - k] = chirpRe[k];
                kernIm[k] = kernIm[m - k] = -chirpIm[k];
            }
            radix2(kernRe, kernIm, false);
            bufRe = new double[m];
            bufIm = new double[m];
        }
    }

    private Fft(Fft o) {
        n = o.n;
        m = o.m;
        cos = o.cos;
        sin = o.sin;
        rev = o.rev;
        chirpRe = o.chirpRe;
        chirpIm = o.chirpIm;
        kernRe = o.kernRe;
        kernIm = o.kernIm;
        bufRe = o.bufRe == null ? null : new double[m];
        bufIm = o.bufIm == null ? null : new double[m];
    }

    /** A plan of the same length sharing the read-only tables, with its own scratch (for another thread). */
    public Fft copy() {
        return new Fft(this);
    }

    public int length() {
        return n;
    }

    /** In-place forward DFT of {@code (re, im)[0 .. n)}. */
    public void forward(double[] re, double[] im) {
        transform(re, im, false);
    }

    /** In-place unnormalised inverse DFT of {@code (re, im)[0 .. n)}. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, true);
    }

    private void transform(double[] re, double[] im, boolean inverse) {
        if (re.length < n || im.length < n) throw new IllegalArgumentException("arrays shorter than the FFT length " + n);
        if (chirpRe == null) {
            radix2(re, im, inverse);
            return;
        }
        // inverse via conjugation: IDFT(x) = conj(DFT(conj(x)))
        double sign = inverse ? -1.0 : 1.0;
        for (int k = 0; k < n; k++) {
            double xr = re[k], xi = sign * im[k];
            bufRe[k] = xr * chirpRe[k] - xi * chirpIm[k];
            bufIm[k] = xr * chirpIm[k] + xi * chirpRe[k];
        }
        java.util.Arrays.fill(bufRe, n, m, 0.0);
        java.util.Arrays.fill(bufIm, n, m, 0.0);
        radix2(bufRe, bufIm, false);
        for (int k = 0; k < m; k++) {
            double ar = bufRe[k], ai = bufIm[k];
            bufRe[k] = ar * kernRe[k] - ai * kernIm[k];
            bufIm[k] = ar * kernIm[k] + ai * kernRe[k];
        }
        radix2(bufRe, bufIm, true);
        double scale = 1.0 / m;
        for (int k = 0; k < n; k++) {
            double cr = bufRe[k] * scale, ci = bufIm[k] * scale;
            re[k] = cr * chirpRe[k] - ci * chirpIm[k];
            im[k] = sign * (cr * chirpIm[k] + ci * chirpRe[k]);
        }
    }

    /** In-place iterative radix-2 transform of length {@link #m} (unnormalised when inverse). */
    private void radix2(double[] re, double[] im, boolean inverse) {
        for (int i = 0; i < m; i++) {
            int j = rev[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double s = inverse ? -1.0 : 1.0;
        for (int size = 2; size <= m; size <<= 1) {
            int half = size >> 1;
            int step = m / size;
            for (int start = 0; start < m; start += size) {
                for (int k = 0, tw = 0; k < half; k++, tw += step) {
                    double wr = cos[tw], wi = s * sin[tw];
                    int a = start + k, b = a + half;
                    double br = re[b] * wr - im[b] * wi;
                    double bi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }
}
