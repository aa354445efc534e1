package io.tao4j.cli.demo;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing report and its verdict: the demo succeeded only if the LFC treasury received alpha,
 * the LFC validator's weight is on the miner UID on chain, MANTIS payloads were collected and decrypted,
 * MANTIS weights were set on chain, and the baseline miner holds more weight than the garbage and
 * copy-cat miners (and the most of all miners).
 */
public record DemoReport(double seconds, long head, long lfcEpochs, long mantisEpochs, long alphaSwept, long alphaTransferred,
                         long treasuryAlpha, long sweeps, long transfers, long lfcWeightSets, Map<Integer, Double> lfcWeights,
                         int lfcMinerUid, long mantisSteps, long collected, long decrypted, Map<String, Long> rejected,
                         long pending, long mantisWeightSets, Map<String, Double> mantisWeightsByMiner,
                         Map<String, Double> salienceByMiner, long minerUploads, long minerFailures, List<Check> checks) {

    /** One condition of success. */
    public record Check(String name, boolean ok, String detail) {
    }

    public boolean ok() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    static DemoReport of(DemoState state, List<Demo.MinerInfo> miners, double seconds) {
        DemoState.Sample s = state.latest();
        DemoState.Lfc lfc = state.lfcKeysOrNull();
        if (s == null) {
            return new DemoReport(seconds, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), -1, 0, 0, 0, Map.of(), 0, 0, Map.of(), Map.of(), 0, 0,
                    List.of(new Check("chain observed", false, "the demo never read the chain")));
        }
        Map<String, Double> byMiner = new LinkedHashMap<>();
        Map<String, Double> salience = new LinkedHashMap<>();
        for (Demo.MinerInfo m : miners) {
            byMiner.put(m.name(), s.mantisWeights().getOrDefault(m.uid(), 0.0));
            if (s.salience() != null) {
                salience.put(m.name(), s.salience().total().getOrDefault(m.hotkey(), 0.0));
            }
        }
        long steps = s.mantis() == null ? 0 : s.mantis().steps();
        long collected = s.mantis() == null ? 0 : s.mantis().collected();
        long opened = s.mantis() == null ? 0 : s.mantis().opened();
        long pending = s.mantis() == null ? 0 : s.mantis().pending();
        long mantisSets = s.mantis() == null ? 0 : s.mantis().weightsSet();
        int minerUid = lfc == null ? -1 : lfc.minerUid();

        List<Check> checks = new ArrayList<>();
        checks.add(new Check("LFC treasury received alpha", s.treasuryAlpha() > 0,
                String.format(Locale.ROOT, "%s α at the treasury after %d transfers", alpha(s.treasuryAlpha()), s.transfers())));
        double onMiner = s.lfcWeights().getOrDefault(minerUid, 0.0);
        checks.add(new Check("LFC weights on chain", onMiner > 0.999,
                String.format(Locale.ROOT, "validator weight on UID %d: %.1f %%", minerUid, onMiner * 100)));
        checks.add(new Check("MANTIS payloads collected and decrypted", collected > 0 && opened > 0,
                collected + " collected, " + opened + " decrypted, " + pending + " still time-locked (younger than 300 blocks)"));
        checks.add(new Check("MANTIS weights on chain", !s.mantisWeights().isEmpty() && mantisSets > 0,
                mantisSets + " commits; revealed on chain: " + percent(byMiner)));
        double base = byMiner.getOrDefault("baseline", 0.0);
        boolean outranks = base > byMiner.getOrDefault("garbage", 0.0) && base > byMiner.getOrDefault("copycat", 0.0);
        checks.add(new Check("baseline outranks garbage and copy-cat", outranks,
                String.format(Locale.ROOT, "baseline %.1f %%, garbage %.1f %%, copy-cat %.1f %%", base * 100,
                        byMiner.getOrDefault("garbage", 0.0) * 100, byMiner.getOrDefault("copycat", 0.0) * 100)));
        boolean best = base > 0 && byMiner.values().stream().allMatch(v -> v <= base);
        checks.add(new Check("best MANTIS miner has the most weight", best, "baseline " + String.format(Locale.ROOT, "%.1f %%", base * 100)));
        return new DemoReport(seconds, s.head(), s.lfcEpochs(), s.mantisEpochs(), s.alphaSwept(), s.alphaTransferred(),
                s.treasuryAlpha(), s.sweeps(), s.transfers(), s.lfcWeightSets(), s.lfcWeights(), minerUid, steps, collected, opened,
                DemoState.rejections(s), pending, mantisSets, byMiner, salience, s.minerUploads(), s.minerFailures(), List.copyOf(checks));
    }

    static String alpha(long rao) {
        return String.format(Locale.ROOT, "%.4f", rao / 1e9);
    }

    private static String percent(Map<String, Double> m) {
        Map<String, String> o = new LinkedHashMap<>();
        m.forEach((k, v) -> o.put(k, String.format(Locale.ROOT, "%.1f %%", v * 100)));
        return o.toString();
    }

    /** The report as text lines. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n=== tao4j demo report (%.0f s, chain head #%d) ===%n", seconds, head));
        b.append(String.format(Locale.ROOT, "subnet 35 (LFC): %d epochs; %s α swept to the aggregator in %d sweeps, %s α transferred "
                + "to the treasury in %d transfers; treasury holds %s α; validator set weights %d times%n", lfcEpochs, alpha(alphaSwept),
                sweeps, alpha(alphaTransferred), transfers, alpha(treasuryAlpha), lfcWeightSets));
        b.append(String.format(Locale.ROOT, "subnet 123 (MANTIS): %d epochs; %d steps collected, %d payloads collected, %d decrypted, "
                + "%d pending; rejected %s; weights committed %d times (commit-reveal)%n", mantisEpochs, mantisSteps, collected, decrypted, pending,
                rejected.isEmpty() ? "none" : rejected, mantisWeightSets));
        b.append(String.format(Locale.ROOT, "  miners: %d uploads, %d failed cycles%n",
                minerUploads, minerFailures));
        b.append("  on-chain weights: ").append(percent(mantisWeightsByMiner)).append('\n');
        if (!salienceByMiner.isEmpty()) {
            Map<String, String> sal = new LinkedHashMap<>();
            salienceByMiner.forEach((k, v) -> sal.put(k, String.format(Locale.ROOT, "%.3f", v)));
            b.append("  salience: ").append(sal).append('\n');
        }
        for (Check c : checks) {
            b.append(c.ok() ? "  [ok]   " : "  [FAIL] ").append(c.name()).append(": ").append(c.detail()).append('\n');
        }
        b.append(ok() ? "demo succeeded" : "demo FAILED: see the checks above").append('\n');
        return b.toString();
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.valueToTree(this);
        o.put("ok", ok());
        return o;
    }
}
