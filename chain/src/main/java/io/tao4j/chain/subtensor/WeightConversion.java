package io.tao4j.chain.subtensor;

import io.tao4j.chain.ChainException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Float weights → the {@code dests}/{@code weights} u16 vectors of {@code set_weights}, the way the Python SDK
 * does it (bittensor v9.12.2 {@code bittensor/utils/weight_utils.py}: {@code convert_and_normalize_weights_and_uids}
 * → {@code convert_weights_and_uids_for_emit}): weights are taken as float32, rejected when negative, all-zero
 * gives empty vectors, otherwise each weight is divided by the maximum (max-upscale), scaled by 65535 and rounded
 * half-to-even (Python {@code round}); pairs whose u16 is 0 are dropped.
 *
 * <p>Unlike the SDK, the pairs are then sorted by uid and a repeated uid is rejected here: the chain refuses
 * duplicate uids ({@code DuplicateUids}), so failing early with the uid named is clearer.
 */
public final class WeightConversion {
    public static final int U16_MAX = 65535;

    private WeightConversion() {
    }

    /** Result: parallel uid and u16-weight arrays, sorted by uid. */
    public record Emit(int[] uids, int[] weights) {
        public Emit {
            uids = uids.clone();
            weights = weights.clone();
        }

        @Override
        public int[] uids() {
            return uids.clone();
        }

        @Override
        public int[] weights() {
            return weights.clone();
        }

        public boolean isEmpty() {
            return uids.length == 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Emit e && Arrays.equals(e.uids, uids) && Arrays.equals(e.weights, weights);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(uids) * 31 + Arrays.hashCode(weights);
        }

        @Override
        public String toString() {
            return "Emit[uids=" + Arrays.toString(uids) + ", weights=" + Arrays.toString(weights) + "]";
        }
    }

    /** Converts float weights for {@code uids} (same length). */
    public static Emit convert(int[] uids, double[] weights) {
        if (uids == null || weights == null) {
            throw new ChainException("uids and weights are required");
        }
        if (uids.length != weights.length) {
            throw new ChainException("uids and weights must have the same length, got " + uids.length + " uids and "
                    + weights.length + " weights");
        }
        if (uids.length == 0) {
            return new Emit(new int[0], new int[0]);
        }
        double[] w = new double[weights.length];
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < weights.length; i++) {
            if (Double.isNaN(weights[i]) || Double.isInfinite(weights[i])) {
                throw new ChainException("weight " + i + " is not a finite number: " + weights[i]);
            }
            w[i] = (float) weights[i]; // numpy float32, then .tolist() → Python float
            if (w[i] < 0) {
                throw new ChainException("weight " + i + " is negative: " + weights[i]);
            }
            if (uids[i] < 0 || uids[i] > U16_MAX) {
                throw new ChainException("uid " + uids[i] + " at position " + i + " is not a u16");
            }
            sum += w[i];
            max = Math.max(max, w[i]);
        }
        if (sum == 0) {
            return new Emit(new int[0], new int[0]);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            long v = (long) Math.rint(w[i] / max * U16_MAX); // Python round(): half to even
            if (v != 0) {
                pairs.add(new int[]{uids[i], (int) v});
            }
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] outU = new int[pairs.size()];
        int[] outW = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0 && pairs.get(i)[0] == pairs.get(i - 1)[0]) {
                throw new ChainException("uid " + pairs.get(i)[0] + " appears more than once; the chain rejects "
                        + "duplicate uids");
            }
            outU[i] = pairs.get(i)[0];
            outW[i] = pairs.get(i)[1];
        }
        return new Emit(outU, outW);
    }

    /**
     * The SDK's default version key ({@code version_as_int}, bittensor v9.12.2 {@code settings.py}): the
     * "major.minor.patch" parts as {@code major·10^6 + minor·10^3 + patch}; "9.12.2" → 9012002.
     */
    public static long versionAsInt(String version) {
        String[] parts = version.split("\\.");
        long v = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].replaceAll("[^0-9].*$", "");
            if (p.isEmpty()) {
                throw new ChainException("version part '" + parts[i] + "' of '" + version + "' is not a number");
            }
            v += Long.parseLong(p) * (long) Math.pow(1000, parts.length - 1 - i);
        }
        return v;
    }

    /** The SDK 9.12.2 default {@code version_key}. */
    public static final long SDK_VERSION_KEY = 9012002L;
}
