package io.tao4j.mantis.salience.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.SklearnLogistic.LbfgsRules;

import java.nio.file.Path;
import java.util.Map;

/** Not a test: compares the two scorers with a parity directory's expected.json ({@code args[0]} = the directory). */
public final class XsecParityMain {
    private XsecParityMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        HeadMultiParityData.Dump d = HeadMultiParityData.read(dir.resolve("multi.bin.gz"));
        JsonNode raw = new ObjectMapper().readTree(dir.resolve("expected.json").toFile()).get("raw");
        for (String ticker : new String[] {"MULTIXSEC", "FUNDINGXSEC"}) {
            MultiAssetSeries s = d.series().get(ticker);
            if (s == null) continue;
            for (LbfgsRules rules : LbfgsRules.values()) {
                long t0 = System.nanoTime();
                Map<String, Double> got = ticker.equals("MULTIXSEC") ? XsecRankScorer.score(s, rules) : FundingXsecScorer.score(s, rules);
                double sec = (System.nanoTime() - t0) / 1e9;
                double worst = 0;
                JsonNode want = raw.get(ticker);
                StringBuilder sb = new StringBuilder();
                java.util.Set<String> keys = new java.util.TreeSet<>(got.keySet());
                want.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    double g = got.getOrDefault(k, 0.0), w = want.has(k) ? want.get(k).asDouble() : 0.0;
                    worst = Math.max(worst, Math.abs(g - w));
                    sb.append(String.format("  %s got %.12f want %.12f%n", k.substring(0, 8), g, w));
                }
                System.out.printf("%s %s: %d rows, %.1f s, max |diff| %.3g%n%s", ticker, rules, s.rows(), sec, worst, sb);
            }
        }
    }
}
