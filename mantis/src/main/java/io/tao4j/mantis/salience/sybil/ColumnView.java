package io.tao4j.mantis.salience.sybil;

/**
 * Some columns of a {@link History}, renumbered {@code 0..cols.length-1}, read in place (no copy of X):
 * {@code at(t, m, d) == full.at(t, cols[m], d)}; {@code idx2hk[m]} names column m.
 */
public record ColumnView(History full, int[] cols, String[] idx2hk) {
    /** Every column of {@code h} in its own order. */
    public static ColumnView of(History h) {
        int[] cols = new int[h.hotkeys()];
        for (int i = 0; i < cols.length; i++) cols[i] = i;
        return new ColumnView(h, cols, h.idx2hk());
    }

    public float at(int t, int m, int d) {
        return full.x()[(t * full.hotkeys() + cols[m]) * full.dim() + d];
    }

    public int hotkeys() {
        return cols.length;
    }

    public int rows() {
        return full.rows();
    }

    public int dim() {
        return full.dim();
    }
}
