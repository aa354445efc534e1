package io.tao4j.cli.mantis;

import io.tao4j.cli.Json;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.validator.ProtocolScoring;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.salience.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** `tao4j mantis salience`: per-hotkey salience from a MANTIS datalog.db, as the validator computes it. */
@Command(name = "salience",
        mixinStandardHelpOptions = true,
        description = "Compute MANTIS per-hotkey salience (multi_salience) from a validator's datalog.db.")
public final class MantisSalienceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ledger", required = true, paramLabel = "<file>",
            description = "MANTIS SQLite ledger (datalog.db).")
    Path ledger;

    @Option(names = "--until-sidx", paramLabel = "<n>",
            description = "Use only samples with sample index <= n (max_block_number = n * SAMPLE_EVERY).")
    Long untilSidx;

    @Option(names = "--json", description = "Print {\"salience\", \"per_challenge\", \"seconds\"} as JSON.")
    boolean json;

    @Mixin
    ProtocolOption protocol = new ProtocolOption();

    @Override
    public Integer call() throws Exception {
        if (untilSidx != null && untilSidx < 0) throw new CliException("--until-sidx must be >= 0, got " + untilSidx);
        ProtocolScoring.Plan plan = protocol.scoringPlan();
        if (plan.warning() != null) {
            spec.commandLine().getErr().println("warning: " + plan.warning());
        }
        TrainingData data;
        try {
            data = DatalogReader.read(ledger, plan.scored(),
                    untilSidx == null ? OptionalLong.empty() : OptionalLong.of(untilSidx));
        } catch (DatalogReader.LedgerException e) {
            throw new CliException(e.getMessage(), e);
        }
        SalienceResult r = new SalienceEngine().multiSalience(data, new SalienceEngine.Options(plan.scored(),
                plan.protocol().constants().seed(), plan.protocol().constants().sampleEvery(), true));
        PrintWriter out = spec.commandLine().getOut();
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
        out.flush();
        return 0;
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
