package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.Erfc;
import io.tao4j.mantis.salience.math.Fft;
import io.tao4j.mantis.salience.math.NumpySum;

/**
 * TRADE-MIX evidence (spec §5.10 steps 7–8; {@code trade_mix._fwd_sum}, {@code _circ_stats}, {@code evidence_t}):
 * forward-summed labels and, per miner, the circular cross-moments {@code S(k) = Σ_t Σ_a x[t,a]·y[(t+k) mod T, a]}
 * for every shift {@code k}, turned into a blended studentised statistic against the shifts
 * {@code minShift ≤ k ≤ T − minShift} and its p-value.
 *
 * <p>The cross-moments are computed as the reference does, through the DFT: {@code S = IDFT(Σ_a conj(X_a)·Y_a)}.
 * Real signals are transformed two at a time (as the real and imaginary part of one complex transform, then
 * separated by symmetry), which makes every spectrum exactly Hermitian; two signals are only packed together
 * where both vanish exactly when one does (the assets of one RV book, two RV labels of one book), so a miner whose
 * book is exactly zero (an exact copy projected off its senior, a miner who never submitted) gets {@code S ≡ 0}
 * and t = 0, p = 1 bit for bit as in the reference, rather than rounding noise from a neighbour.
 */
final class TradeMixEvidence {
    private static final double EPS = 1e-12;

    private final int rows;
    private final int assets;
    private final double[] blend;
    private final int minShift;
    private final Fft plan;
    /** Spectra of the RV labels: index {@code l·A + a}. */
    private final double[][] rvRe;
    private final double[][] rvIm;
    private final double[] betaRe;
    private final double[] betaIm;

    TradeMixEvidence(TradeMixFactors f, TradeMixConfig cfg) {
        this.rows = f.rows();
        this.assets = f.assets();
        this.blend = cfg.blendW();
        this.minShift = cfg.minShift();
        this.plan = new Fft(rows);
        int[] hs = cfg.horizons();
        int a = assets;
        double[][] cols = new double[hs.length * a][];
        for (int l = 0; l < hs.length; l++) {
            double[] y = forwardSum(f.resid(), rows, a, hs[l], f.warmup());
            for (int j = 0; j < a; j++) {
                double[] c = new double[rows];
                for (int t = 0; t < rows; t++) c[t] = y[t * a + j];
                cols[l * a + j] = c;
            }
        }
        rvRe = new double[cols.length][];
        rvIm = new double[cols.length][];
        Fft fft = plan.copy();
        for (int k = 0; k < cols.length; k += 2) {
            double[][] sp = spectra(fft, cols[k], k + 1 < cols.length ? cols[k + 1] : null);
            rvRe[k] = sp[0];
            rvIm[k] = sp[1];
            if (k + 1 < cols.length) {
                rvRe[k + 1] = sp[2];
                rvIm[k + 1] = sp[3];
            }
        }
        double[][] sb = spectra(fft, forwardSum(f.mkt(), rows, 1, cfg.betaHorizon(), f.warmup()), null);
        betaRe = sb[0];
        betaIm = sb[1];
    }

    /**
     * {@code _fwd_sum} with the invalid rows blanked and NaN read as 0: {@code out[t] = Σ_{k=1..h} y[t+k]} from the
     * differences of the running sums, 0 where {@code t + h ≥ T} or {@code t < warmup}. {@code y} is {@code T × a}.
     */
    static double[] forwardSum(double[] y, int rows, int a, int h, int warmup) {
        double[] c = new double[(rows + 1) * a];
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < a; j++) c[(t + 1) * a + j] = c[t * a + j] + y[t * a + j];
        }
        double[] out = new double[rows * a];
        for (int t = Math.max(0, warmup); t + h < rows; t++) {
            for (int j = 0; j < a; j++) out[t * a + j] = c[(t + 1 + h) * a + j] - c[(t + 1) * a + j];
        }
        return out;
    }

    /** DFTs of one or two real signals (exactly Hermitian): {re0, im0} or {re0, im0, re1, im1}. */
    private double[][] spectra(Fft fft, double[] x0, double[] x1) {
        int n = rows;
        double[] re = x0.clone();
        double[] im = x1 == null ? new double[n] : x1.clone();
        fft.forward(re, im);
        double[] r0 = new double[n], i0 = new double[n];
        double[] r1 = x1 == null ? null : new double[n], i1 = x1 == null ? null : new double[n];
        for (int f = 0; f < n; f++) {
            int g = f == 0 ? 0 : n - f;
            double cr = re[f], ci = im[f], dr = re[g], di = im[g];
            r0[f] = (cr + dr) * 0.5;
            i0[f] = (ci - di) * 0.5;
            if (x1 != null) {
                r1[f] = (ci + di) * 0.5;
                i1[f] = (dr - cr) * 0.5;
            }
        }
        return x1 == null ? new double[][] {r0, i0} : new double[][] {r0, i0, r1, i1};
    }

    Worker worker() {
        return new Worker();
    }

    /** Per-thread scratch and FFT plan. */
    final class Worker {
        private final Fft fft = plan.copy();
        private final double[][] cols = new double[assets][rows];
        private final double[] zRe = new double[rows];
        private final double[] zIm = new double[rows];
        private final double[][] s = new double[blend.length][rows];

        /** {t, p} of one miner's RV book {@code x} ({@code T × A}, time-major). */
        double[] rv(double[] x) {
            int a = assets;
            for (int t = 0; t < rows; t++) {
                for (int j = 0; j < a; j++) cols[j][t] = x[t * a + j];
            }
            double[][] xr = new double[a][], xi = new double[a][];
            for (int j = 0; j < a; j += 2) {
                double[][] sp = spectra(fft, cols[j], j + 1 < a ? cols[j + 1] : null);
                xr[j] = sp[0];
                xi[j] = sp[1];
                if (j + 1 < a) {
                    xr[j + 1] = sp[2];
                    xi[j + 1] = sp[3];
                }
            }
            int nl = blend.length;
            for (int l = 0; l < nl; l += 2) {
                boolean two = l + 1 < nl;
                java.util.Arrays.fill(zRe, 0.0);
                java.util.Arrays.fill(zIm, 0.0);
                for (int f = 0; f < rows; f++) {
                    double ar = 0.0, ai = 0.0, br = 0.0, bi = 0.0;
                    for (int j = 0; j < a; j++) {
                        double pr = xr[j][f], pi = xi[j][f];
                        double yr = rvRe[l * a + j][f], yi = rvIm[l * a + j][f];
                        ar += pr * yr + pi * yi;      // conj(X)·Y
                        ai += pr * yi - pi * yr;
                        if (two) {
                            double vr = rvRe[(l + 1) * a + j][f], vi = rvIm[(l + 1) * a + j][f];
                            br += pr * vr + pi * vi;
                            bi += pr * vi - pi * vr;
                        }
                    }
                    zRe[f] = ar - bi;                 // Z_l + i·Z_{l+1}
                    zIm[f] = ai + br;
                }
                fft.inverse(zRe, zIm);
                for (int t = 0; t < rows; t++) {
                    s[l][t] = zRe[t] / rows;
                    if (two) s[l + 1][t] = zIm[t] / rows;
                }
            }
            return evidenceT(s, blend, minShift);
        }

        /** {t, p} of one miner's market exposure {@code m} (length T). */
        double[] beta(double[] m) {
            double[][] sp = spectra(fft, m, null);
            for (int f = 0; f < rows; f++) {
                double pr = sp[0][f], pi = sp[1][f], yr = betaRe[f], yi = betaIm[f];
                zRe[f] = pr * yr + pi * yi;
                zIm[f] = pr * yi - pi * yr;
            }
            fft.inverse(zRe, zIm);
            double[] sb = s[0];
            for (int t = 0; t < rows; t++) sb[t] = zRe[t] / rows;
            return evidenceT(new double[][] {sb}, new double[] {1.0}, minShift);
        }
    }

    /**
     * {@code evidence_t} from the cross-moments {@code S[label][k]} (k = 0 the observed one): {t, p}. Means and
     * stds of the null as numpy sums them (pairwise, ddof 0).
     */
    static double[] evidenceT(double[][] s, double[] blend, int minShift) {
        int n = s[0].length;
        if (n < 3 * minShift) return new double[] {0.0, 1.0};
        int lo = minShift, hi = n - minShift;
        int nNull = hi - lo + 1;
        if (nNull < 50) return new double[] {0.0, 1.0};
        double zbObs = 0.0;
        double[] zbNull = new double[nNull];
        double[] tmp = new double[nNull];
        for (int l = 0; l < blend.length; l++) {
            double[] sl = s[l];
            System.arraycopy(sl, lo, tmp, 0, nNull);
            double mu = npSum(tmp) / nNull;
            double sd = std(tmp, mu) + EPS;
            double w = blend[l];
            zbObs += w * (sl[0] - mu) / sd;
            for (int k = 0; k < nNull; k++) zbNull[k] += w * (sl[lo + k] - mu) / sd;
        }
        double mb = npSum(zbNull) / nNull;
        double sdB = std(zbNull, mb) + EPS;
        double t = (zbObs - mb) / sdB;
        int ge = 0;
        for (double z : zbNull) {
            if (z >= zbObs) ge++;
        }
        double pEmp = (1.0 + ge) / (1.0 + nNull);
        double pNorm = 0.5 * Erfc.erfc(t / Math.sqrt(2.0));
        double p = t > 0 ? Math.min(pEmp, Math.max(pNorm, 1e-12)) : pEmp;
        return new double[] {t, p};
    }

    /** numpy's {@code std} (ddof 0) of a contiguous vector whose mean is {@code mean}. */
    private static double std(double[] a, double mean) {
        double[] sq = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - mean;
            sq[k] = d * d;
        }
        return Math.sqrt(npSum(sq) / a.length);
    }

    private static double npSum(double[] a) {
        return NumpySum.sum(a);
    }
}
