package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Protocol;

import java.util.Map;

/**
 * TRADE-MIX scorer benchmark (a main, not a test): scores a synthetic ledger ({@link TradeMixSynthetic}) of
 * {@code hotkeys} × {@code days} (1440 rows a day, 24 hourly panel rows a day) × 4 assets several times and prints
 * the wall time of each run and the best.
 *
 * <pre>java -cp mantis/target/classes:mantis/target/test-classes:$(cat cp) io.tao4j.mantis.salience.head.TradeMixBench 256 30 5</pre>
 */
public final class TradeMixBench {
    public static void main(String[] args) {
        int hotkeys = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long g0 = System.nanoTime();
        MultiAssetSeries s = TradeMixSynthetic.series(hotkeys, days, 7);
        System.out.printf("generated %d hotkeys x %d rows x %d assets in %.2f s%n", hotkeys, s.rows(), s.assets(),
                (System.nanoTime() - g0) / 1e9);
        Protocol.TradeMixParams p = Protocol.BCFF57B.tradeMix().orElseThrow();
        double best = Double.MAX_VALUE;
        Map<String, Double> out = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            out = TradeMixScorer.score(s, p);
            double sec = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, sec);
            System.out.printf("run %d: %.3f s%n", r, sec);
        }
        System.out.printf("best %.3f s on %d processors; %d keys paid, burn %.4f%n", best,
                Runtime.getRuntime().availableProcessors(), out.size() - 1, out.get(HeadSalienceEngine.BURN_KEY));
    }
}
