package io.tao4j.mantis.salience.sybil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One challenge's embedding history as MANTIS HEAD's cluster code receives it: {@code X} of shape
 * {@code (rows, H·dim)} row-major in float32 (stored float16 values widen exactly), and {@code hk2idx} mapping each
 * hotkey to its column block {@code [0, H)}, {@code H = hk2idx.size()}. Hotkeys mapped outside {@code [0, H)} are
 * ignored, as the reference does.
 */
public record History(float[] x, int rows, Map<String, Integer> hk2idx, int dim) {
    public History {
        if (x == null || hk2idx == null) throw new IllegalArgumentException("history needs X and hk2idx");
        if (rows < 0 || dim <= 0) throw new IllegalArgumentException("bad shape rows=" + rows + " dim=" + dim);
        if ((long) rows * hk2idx.size() * dim != x.length) {
            throw new IllegalArgumentException("X has " + x.length + " values, expected rows·H·dim = "
                    + rows + "·" + hk2idx.size() + "·" + dim);
        }
        hk2idx = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hk2idx));
    }

    public int hotkeys() {
        return hk2idx.size();
    }

    public float at(int t, int miner, int d) {
        return x[(t * hotkeys() + miner) * dim + d];
    }

    /** {@code any(X[t, miner, :] != 0)} for every row and miner, as [miner][t] (NaN counts as non-zero). */
    public boolean[][] nonZero() {
        int h = hotkeys();
        boolean[][] nz = new boolean[h][rows];
        for (int t = 0; t < rows; t++) {
            for (int i = 0; i < h; i++) {
                int o = (t * h + i) * dim;
                for (int d = 0; d < dim; d++) {
                    if (x[o + d] != 0.0f) {
                        nz[i][t] = true;
                        break;
                    }
                }
            }
        }
        return nz;
    }

    /** Column index → hotkey (null where no hotkey maps to a column). */
    public String[] idx2hk() {
        String[] out = new String[hotkeys()];
        for (Map.Entry<String, Integer> e : hk2idx.entrySet()) {
            int i = e.getValue();
            if (i >= 0 && i < out.length) out[i] = e.getKey();
        }
        return out;
    }

    /** The last {@code n} rows ({@code X[-n:]}); this history itself when it has no more than n rows. */
    public History lastRows(int n) {
        if (rows <= n) return this;
        int w = hotkeys() * dim;
        return new History(Arrays.copyOfRange(x, (rows - n) * w, rows * w), n, hk2idx, dim);
    }

    /** A history of the given columns only, in that order, with the given hotkeys as columns 0.. . */
    History selectColumns(List<String> keepHotkeys) {
        int h = hotkeys();
        int k = keepHotkeys.size();
        float[] out = new float[rows * k * dim];
        List<Integer> cols = new ArrayList<>();
        for (String hk : keepHotkeys) cols.add(hk2idx.get(hk));
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < k; j++) System.arraycopy(x, (t * h + cols.get(j)) * dim, out, (t * k + j) * dim, dim);
        }
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) m.put(keepHotkeys.get(j), j);
        return new History(out, rows, m, dim);
    }
}
