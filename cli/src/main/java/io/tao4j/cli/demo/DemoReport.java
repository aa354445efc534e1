package io.tao4j.cli.demo;

import io.tao4j.cli.Json;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing report and its verdict: the demo succeeded only if the LFC treasury received alpha,
 * the LFC validator's weight is on the miner UID on chain, MANTIS payloads were collected and decrypted,
 * MANTIS weights were set on chain, the baseline miner holds more weight than the garbage and
 * copy-cat miners (and the most of all miners), and the MANTIS scoring checks pass ({@link #scoringChecks}).
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
        return of(state, miners, seconds, Protocol.DEFAULT);
    }

    static DemoReport of(DemoState state, List<Demo.MinerInfo> miners, double seconds, Protocol protocol) {
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
        checks.addAll(scoringChecks(protocol, s, miners));
        return new DemoReport(seconds, s.head(), s.lfcEpochs(), s.mantisEpochs(), s.alphaSwept(), s.alphaTransferred(),
                s.treasuryAlpha(), s.sweeps(), s.transfers(), s.lfcWeightSets(), s.lfcWeights(), minerUid, steps, collected, opened,
                DemoState.rejections(s), pending, mantisSets, byMiner, salience, s.minerUploads(), s.minerFailures(), List.copyOf(checks));
    }

    /** Quantisation slack when comparing a share read back from the chain's u16 weights (a few u16 steps). */
    static final double U16_SLACK = 1e-3;

    /**
     * The checks of the MANTIS scoring itself: every challenge of the protocol produced salience in the last
     * calculation; at a protocol with a burn, UID 0 holds at least the burn share of the validator's weights on chain
     * (each vector gives UID 0 {@code burnPct} plus its share of the rest, e.g. TRADE-MIX's unearned pool, and the EMA
     * and the chain's u16 normalisation keep that, up to {@link #U16_SLACK}) while the miners hold the rest; and the
     * baseline miner has more salience than the garbage and copy-cat miners.
     */
    static List<Check> scoringChecks(Protocol protocol, DemoState.Sample s, List<Demo.MinerInfo> miners) {
        List<Check> checks = new ArrayList<>();
        SalienceResult sal = s.salience();
        List<String> missing = new ArrayList<>();
        for (Challenge c : protocol.challenges()) {
            Map<String, Double> per = sal == null ? null : sal.perChallenge().get(c.ticker());
            if (per == null || per.values().stream().noneMatch(v -> v > 0)) {
                missing.add(c.ticker());
            }
        }
        int n = protocol.challenges().size();
        checks.add(new Check("every one of the " + n + " challenges produced salience", sal != null && missing.isEmpty(),
                sal == null ? "no salience computed yet"
                        : (n - missing.size()) + " of " + n + " produced output" + (missing.isEmpty() ? "" : "; none from " + missing)));
        double burnPct = protocol.constants().burnPct();
        if (burnPct > 0) {
            Double onChain = s.mantisWeights().get(0);
            boolean minerPaid = miners.stream().anyMatch(m -> m.uid() != 0 && s.mantisWeights().getOrDefault(m.uid(), 0.0) > 0);
            boolean held = onChain != null && onChain >= burnPct - U16_SLACK && onChain < 1 && minerPaid;
            checks.add(new Check("UID 0 holds the burn share on chain", held, String.format(Locale.ROOT,
                    "UID 0 has %s of the validator's weights on chain (burn %.0f %%%s)%s",
                    onChain == null ? "nothing" : String.format(Locale.ROOT, "%.2f %%", onChain * 100), burnPct * 100,
                    Double.isFinite(s.burnShare()) ? String.format(Locale.ROOT, "; its last computed vector: %.2f %%%s",
                            s.burnShare() * 100, s.emaApplied() ? ", EMA applied" : "") : "",
                    minerPaid ? "" : "; no miner has weight")));
        }
        Map<String, Double> total = sal == null ? Map.of() : sal.total();
        Map<String, Double> byName = new LinkedHashMap<>();
        for (Demo.MinerInfo m : miners) {
            byName.put(m.name(), total.getOrDefault(m.hotkey(), 0.0));
        }
        double base = byName.getOrDefault("baseline", 0.0);
        checks.add(new Check("the baseline miner outranks garbage and copy-cat in salience",
                base > byName.getOrDefault("garbage", 0.0) && base > byName.getOrDefault("copycat", 0.0),
                String.format(Locale.ROOT, "baseline %.3f, garbage %.3f, copy-cat %.3f", base, byName.getOrDefault("garbage", 0.0),
                        byName.getOrDefault("copycat", 0.0))));
        return checks;
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
