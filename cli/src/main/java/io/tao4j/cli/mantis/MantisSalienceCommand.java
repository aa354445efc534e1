package io.tao4j.cli.mantis;

import io.tao4j.cli.Json;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.HeadDatalogReader;
import io.tao4j.mantis.ledger.HeadTrainingData;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import io.tao4j.mantis.validator.ProtocolScoring;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.salience.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * `tao4j mantis salience`: per-hotkey salience from a MANTIS datalog.db, as the validator computes it — at bcff57b
 * the HEAD engine over all 12 challenges of the HEAD ledger (the same JSON keys as
 * {@code tools/mantis-reference/run_reference_head.py}, so the two can be compared on any ledger), at 2e9bc5b the
 * 2e9bc5b engine.
 */
@Command(name = "salience",
        mixinStandardHelpOptions = true,
        description = "Compute MANTIS per-hotkey salience (multi_salience) from a validator's datalog.db.")
public final class MantisSalienceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ledger", required = true, paramLabel = "<file>",
            description = "MANTIS SQLite ledger (datalog.db; at bcff57b in the HEAD layout).")
    Path ledger;

    @Option(names = "--until-sidx", paramLabel = "<n>",
            description = "Use only samples with sample index <= n (max_block_number = n * SAMPLE_EVERY).")
    Long untilSidx;

    @Option(names = "--json", description = "Print the result as JSON: {\"salience\", \"per_challenge\", "
            + "\"empty_challenges\", \"weights\", \"seconds\"} (bcff57b) or {\"salience\", \"per_challenge\", \"seconds\"} (2e9bc5b).")
    boolean json;

    @Option(names = "--lbfgs-rules", paramLabel = "<rules>", defaultValue = "sklearn-1.7",
            description = "Objective scaling and stopping rules of the lbfgs fits (HITFIRST, MULTI-BREAKOUT, the "
                    + "cross-sectional meta-fits): sklearn-1.7 (default, what subnet 123's pinned scikit-learn runs) or "
                    + "sklearn-1.2 (to compare with a reference run on Debian's scikit-learn 1.2, as "
                    + "tools/parity/mantis/head_parity_suite.sh does).")
    String lbfgsRules;

    @Mixin
    ProtocolOption protocol = new ProtocolOption();

    @Override
    public Integer call() throws Exception {
        if (untilSidx != null && untilSidx < 0) throw new CliException("--until-sidx must be >= 0, got " + untilSidx);
        ProtocolScoring.Plan plan = protocol.scoringPlan();
        if (plan.warning() != null) {
            spec.commandLine().getErr().println("warning: " + plan.warning());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (plan.protocol() == Protocol.P2E9BC5B) {
            run2e9bc5b(plan, out);
        } else {
            runHead(plan.protocol(), out);
        }
        out.flush();
        return 0;
    }

    private void runHead(Protocol p, PrintWriter out) throws Exception {
        checkHeadLayout(ledger);
        long t0 = System.nanoTime();
        // max_block_number: 0 means "no limit" upstream, so --until-sidx 0 reads nothing rather than everything
        long maxBlock = untilSidx == null ? 0 : untilSidx == 0 ? -1 : untilSidx * p.constants().sampleEvery();
        HeadTrainingData data;
        try {
            data = HeadDatalogReader.read(ledger, p, maxBlock, null);
        } catch (DatalogReader.LedgerException e) {
            throw new CliException(e.getMessage() + layoutHint(e.getMessage()), e);
        }
        double load = (System.nanoTime() - t0) / 1e9;
        SklearnLogistic.LbfgsRules rules = switch (lbfgsRules) {
            case "sklearn-1.7" -> SklearnLogistic.LbfgsRules.SKLEARN_1_7;
            case "sklearn-1.2" -> SklearnLogistic.LbfgsRules.SKLEARN_1_2;
            default -> throw new CliException("--lbfgs-rules must be sklearn-1.7 or sklearn-1.2, got '" + lbfgsRules + "'");
        };
        HeadSalienceEngine engine = new HeadSalienceEngine(p, HeadSalienceEngine.scorers(rules),
                HeadSalienceEngine.multiAssetScorers(rules), HeadSalienceEngine.breakoutScorer(rules),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        HeadSalienceEngine.Result r = engine.multiSalience(data);
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("load", round(load));
        for (HeadSalienceEngine.ChallengeResult c : r.challenges()) {
            if (engine.hasScorer(p.byTicker(c.ticker()).orElseThrow())) seconds.put(c.ticker(), round(c.seconds()));
        }
        seconds.put("total", round((System.nanoTime() - t0) / 1e9));
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("salience", r.salience());
            root.put("per_challenge", r.perChallenge());
            root.put("empty_challenges", r.empty());
            Map<String, Double> weights = new LinkedHashMap<>();
            for (Challenge c : p.challenges()) weights.put(c.ticker(), c.weight());
            root.put("weights", weights);
            root.put("seconds", seconds);
            out.println(Json.MAPPER.writeValueAsString(root));
            return;
        }
        if (r.salience().isEmpty()) {
            out.println("salience is empty: not enough training data in " + ledger);
        } else {
            out.println("hotkey salience (all challenges)");
            sorted(r.salience()).forEach((hk, v) -> out.printf("  %-50s %.6f%n", hk, v));
            for (Map.Entry<String, Map<String, Double>> e : r.perChallenge().entrySet()) {
                out.printf("%s%n", e.getKey());
                sorted(e.getValue()).forEach((hk, v) -> out.printf("  %-50s %.6f%n", hk, v));
            }
        }
        for (String t : r.empty()) {
            Challenge c = p.byTicker(t).orElseThrow();
            out.printf("%s: %s%n", t, engine.hasScorer(c) ? "no output (too little data)" : "no scorer");
        }
        out.printf("seconds %s%n", seconds);
    }

    private void run2e9bc5b(ProtocolScoring.Plan plan, PrintWriter out) throws Exception {
        TrainingData data;
        try {
            data = DatalogReader.read(ledger, plan.scored(),
                    untilSidx == null ? OptionalLong.empty() : OptionalLong.of(untilSidx));
        } catch (DatalogReader.LedgerException e) {
            throw new CliException(e.getMessage(), e);
        }
        SalienceResult r = new SalienceEngine().multiSalience(data, new SalienceEngine.Options(plan.scored(),
                plan.protocol().constants().seed(), plan.protocol().constants().sampleEvery(), true));
        if (json) {
            out.println(toJson(r));
        } else {
            if (r.total().isEmpty()) {
                out.println("salience is empty: not enough training data in " + ledger);
            } else {
                out.println("hotkey salience (all challenges)");
                sorted(r.total()).forEach((hk, v) -> out.printf("  %-50s %.6f%n", hk, v));
                for (Map.Entry<String, Map<String, Double>> e : r.perChallenge().entrySet()) {
                    out.printf("%s%n", e.getKey());
                    sorted(e.getValue()).forEach((hk, v) -> out.printf("  %-50s %.6f%n", hk, v));
                }
            }
            out.printf("seconds %s%n", r.seconds());
        }
    }

    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A HEAD datalog.db is SQLite: say what to do with a pickled DataLog or any other file. */
    static void checkHeadLayout(Path file) {
        if (!Files.isRegularFile(file)) throw new CliException("ledger file not found: " + file);
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 16);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n == 16 && Arrays.equals(head, SQLITE)) return;
        boolean pickle = n >= 2 && ((head[0] & 0xFF) == 0x80 || ((head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B));
        if (pickle) {
            throw new CliException(file + " is not a SQLite datalog.db but a pickled MANTIS DataLog (.pkl / .pkl.gz, the "
                    + "2e9bc5b archive format): import it first (tao4j mantis ledger import --ledger NEW.db --archive "
                    + file + ") and score NEW.db (--protocol 2e9bc5b for its 8 challenges)");
        }
        throw new CliException(file + " is not a SQLite database: --ledger takes a MANTIS datalog.db (HEAD layout at "
                + "bcff57b; tao4j mantis ledger import converts archives)");
    }

    /** What to do when the SQLite file is not in the HEAD layout. */
    static String layoutHint(String message) {
        if (message.contains("no such column") || message.contains("no challenge_data table")) {
            return " — the file is not in the HEAD (bcff57b) datalog.db layout: score a 2e9bc5b ledger with "
                    + "--protocol 2e9bc5b, or import the archive into a HEAD ledger (tao4j mantis ledger import)";
        }
        return "";
    }

    private static double round(double s) {
        return Math.round(s * 100) / 100.0;
    }

    static Map<String, Double> sorted(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.entrySet().stream()
                .sorted((a, b) -> {
                    int c = Double.compare(b.getValue(), a.getValue());
                    return c != 0 ? c : a.getKey().compareTo(b.getKey());
                })
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static String toJson(SalienceResult r) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("salience", r.total());
        root.put("per_challenge", r.perChallenge());
        root.put("seconds", r.seconds());
        return Json.MAPPER.writeValueAsString(root);
    }
}
