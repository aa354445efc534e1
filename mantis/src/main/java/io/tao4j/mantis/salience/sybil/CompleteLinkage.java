package io.tao4j.mantis.salience.sybil;

/**
 * Complete-linkage agglomerative clustering by the nearest-neighbour-chain algorithm, following the steps of
 * scipy's {@code linkage(y, "complete")} (chain started at the first live cluster, the previous chain element
 * preferred on equal distance, strictly-smaller scan otherwise, merged pair recorded as (min, max) and the merged
 * cluster stored in the larger slot), then the flat clusters of {@code fcluster(Z, t, "distance")}: complete
 * linkage is monotone, so a flat cluster is a set of leaves joined by merges at height ≤ t.
 */
public final class CompleteLinkage {
    private CompleteLinkage() {}

    /**
     * @param dist symmetric n×n distances (row-major), diagonal ignored
     * @return merges {x, y, height} in merge order (unsorted)
     */
    public static double[][] merges(double[] dist, int n) {
        if (dist.length != n * n) throw new IllegalArgumentException("distance matrix is not " + n + "×" + n);
        double[] d = dist.clone();
        int[] size = new int[n];
        java.util.Arrays.fill(size, 1);
        int[] chain = new int[n];
        int chainLength = 0;
        double[][] z = new double[Math.max(0, n - 1)][];
        for (int k = 0; k < n - 1; k++) {
            if (chainLength == 0) {
                chainLength = 1;
                for (int i = 0; i < n; i++) {
                    if (size[i] > 0) {
                        chain[0] = i;
                        break;
                    }
                }
            }
            int x, y = -1;
            double currentMin;
            while (true) {
                x = chain[chainLength - 1];
                if (chainLength > 1) {
                    y = chain[chainLength - 2];
                    currentMin = d[x * n + y];
                } else {
                    currentMin = Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < n; i++) {
                    if (size[i] == 0 || x == i) continue;
                    double v = d[x * n + i];
                    if (v < currentMin) {
                        currentMin = v;
                        y = i;
                    }
                }
                if (chainLength > 1 && y == chain[chainLength - 2]) break;
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            if (x > y) {
                int tmp = x;
                x = y;
                y = tmp;
            }
            int nx = size[x], ny = size[y];
            z[k] = new double[] {x, y, currentMin};
            size[x] = 0;
            size[y] = nx + ny;
            for (int i = 0; i < n; i++) {
                if (size[i] == 0 || i == y) continue;
                double v = Math.max(d[i * n + x], d[i * n + y]);
                d[i * n + y] = v;
                d[y * n + i] = v;
            }
        }
        return z;
    }

    /**
     * Flat cluster id per leaf (the smallest leaf index of its cluster) for {@code fcluster(Z, t, "distance")}.
     * scipy numbers clusters differently; only membership is meant to match.
     */
    public static int[] flatClusters(double[] dist, int n, double t) {
        UnionFind uf = new UnionFind(n);
        for (double[] m : merges(dist, n)) if (m[2] <= t) uf.union((int) m[0], (int) m[1]);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = uf.find(i);
        return out;
    }
}
