package io.tao4j.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.demo.web.DemoStatus;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.localnet.Localnet;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;
import io.tao4j.mantis.validator.MantisValidator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's observer: reads the chain over RPC (as any observer would) and the neurons' counters into the
 * {@link DemoState}, and builds the status page's snapshot from the newest sample.
 */
final class DemoObserver {
    /** How the status page names UID 0 when it holds the burn. */
    static final String BURN_NAME = "burn (UID 0)";
    private final DemoRuntime rt;
    private final Localnet net;
    private final Subtensor observer;
    private final LfcMetrics lfcMetrics;
    private final DemoMantis mantis;
    private final List<Demo.MinerInfo> miners;

    DemoObserver(DemoRuntime rt, Localnet net, Subtensor observer, LfcMetrics lfcMetrics, DemoMantis mantis, List<Demo.MinerInfo> miners) {
        this.rt = rt;
        this.net = net;
        this.observer = observer;
        this.lfcMetrics = lfcMetrics;
        this.mantis = mantis;
        this.miners = List.copyOf(miners);
    }

    /** Takes one sample; returns the status page's snapshot of it. */
    synchronized DemoStatus sample() {
        DemoState state = rt.state;
        long head = observer.currentBlock();
        long finalized = net.node().finalizedBlock().number();
        String hash = observer.blockHash(head);
        DemoState.Lfc lfcKeys = state.lfcKeysOrNull();
        long minerAlpha = 0;
        long aggregatorAlpha = 0;
        long treasuryAlpha = 0;
        if (lfcKeys != null) {
            minerAlpha = observer.stake(lfcKeys.coldkey(), lfcKeys.minerHotkey(), Demo.LFC_NETUID, hash).stake();
            aggregatorAlpha = observer.stake(lfcKeys.coldkey(), lfcKeys.aggregatorHotkey(), Demo.LFC_NETUID, hash).stake();
            treasuryAlpha = observer.stake(lfcKeys.treasury(), lfcKeys.aggregatorHotkey(), Demo.LFC_NETUID, hash).stake();
        }
        int lfcTempo = orZero(observer.tempo(Demo.LFC_NETUID, hash));
        int mantisTempo = orZero(observer.tempo(Demo.MANTIS_NETUID, hash));
        Map<Integer, Double> lfcWeights = weights(Demo.LFC_NETUID, 1, hash);
        Map<Integer, Double> mantisWeights = weights(Demo.MANTIS_NETUID, 1, hash);
        MantisValidator validator = mantis.validatorOrNull();
        MantisValidator.Stats ms = validator == null ? null : validator.stats();
        state.update(new DemoState.Sample(head, finalized, lfcTempo, epochs(head, Demo.LFC_NETUID, lfcTempo), mantisTempo,
                epochs(head, Demo.MANTIS_NETUID, mantisTempo), minerAlpha, aggregatorAlpha, treasuryAlpha,
                (long) lfcMetrics.count("lfc.alpha.moved.rao"), (long) lfcMetrics.count("lfc.alpha.transferred.rao"),
                (long) lfcMetrics.count("lfc.sweeps", "result", "success"), (long) lfcMetrics.count("lfc.transfers", "result", "success"),
                (long) lfcMetrics.count("lfc.weights.set"), lfcWeights, ms, mantis.decryptRejected(), mantisWeights,
                mantis.lastSalience(), mantis.minerUploads(), mantis.minerFailures(),
                validator == null ? Double.NaN : validator.lastBurnShare(), validator != null && validator.lastEmaApplied()));
        List<Long> lfcUpdates = observer.lastUpdate(Demo.LFC_NETUID, hash);
        List<Long> mantisUpdates = observer.lastUpdate(Demo.MANTIS_NETUID, hash);
        long ledgerSteps;
        try {
            ledgerSteps = validator == null ? 0 : validator.ledger().blockCount();
        } catch (java.sql.SQLException e) {
            ledgerSteps = 0;
        }
        return statusSnapshot(state.latest(), lfcUpdates.size() > 1 && !lfcWeights.isEmpty() ? lfcUpdates.get(1) : -1,
                mantisUpdates.size() > 1 && !mantisWeights.isEmpty() ? mantisUpdates.get(1) : -1, ledgerSteps);
    }

    /** The status page's view of the newest sample. */
    private DemoStatus statusSnapshot(DemoState.Sample s, long lfcWeightsBlock, long mantisWeightsBlock, long ledgerSteps) {
        DemoState state = rt.state;
        DemoStatus.Chain chain = new DemoStatus.Chain(s.head(), s.finalized(), 250, List.of(
                new DemoStatus.Subnet(Demo.LFC_NETUID, "LFC", s.lfcTempo(), s.lfcEpochs()),
                new DemoStatus.Subnet(Demo.MANTIS_NETUID, "MANTIS", s.mantisTempo(), s.mantisEpochs())));
        DemoState.Lfc k = state.lfcKeysOrNull();
        List<DemoStatus.StakePoint> flow = state.flow().stream()
                .map(p -> DemoStatus.StakePoint.ofRao(p.block(), p.miner(), p.aggregator(), p.treasury())).toList();
        DemoStatus.Lfc lfc = new DemoStatus.Lfc(Demo.LFC_NETUID, k == null ? "" : k.minerHotkey(), k == null ? "" : k.aggregatorHotkey(),
                k == null ? "" : k.treasury(), flow, s.sweeps(), s.alphaSwept() / 1e9, s.alphaTransferred() / 1e9, s.lfcWeights(),
                lfcWeightsBlock, s.lfcWeightSets());
        List<DemoStatus.Miner> ms = new ArrayList<>();
        List<DemoStatus.MinerWeight> ws = new ArrayList<>();
        Map<String, String> nameOf = new LinkedHashMap<>();
        for (Demo.MinerInfo m : miners) {
            ms.add(new DemoStatus.Miner(m.name(), m.kind().name().toLowerCase(Locale.ROOT), m.hotkey(), m.uid()));
            ws.add(new DemoStatus.MinerWeight(m.uid(), m.hotkey(), m.name(), s.mantisWeights().getOrDefault(m.uid(), 0.0)));
            nameOf.put(m.hotkey(), m.name());
        }
        List<DemoStatus.StepPoint> steps = state.stepCounts().stream()
                .map(c -> new DemoStatus.StepPoint(c.block(), c.ok(), c.pending(), c.rejected(), c.pendingDecryptions())).toList();
        Double burnOnChain = s.mantisWeights().get(0);
        if (burnOnChain != null && miners.stream().noneMatch(x -> x.uid() == 0)) {
            ws.add(0, new DemoStatus.MinerWeight(0, "", BURN_NAME, burnOnChain));
        }
        nameOf.put(HeadSalienceEngine.BURN_KEY, HeadSalienceEngine.BURN_KEY);
        Map<String, Map<String, Double>> salience = salienceByName(s.salience(), nameOf);
        MantisValidator.Stats st = s.mantis();
        DemoStatus.Mantis m = new DemoStatus.Mantis(Demo.MANTIS_NETUID, ms, steps, st == null ? 0 : st.collected(),
                st == null ? 0 : st.opened(), DemoState.rejections(s), st == null ? 0 : st.pending(), ledgerSteps,
                new DemoStatus.Weights(mantisWeightsBlock, ws), st == null ? 0 : st.weightsSet(), salience, mantis.salienceBlock(),
                scoring(mantis.protocol(), s));
        return new DemoStatus(state.started().toEpochMilli(), System.currentTimeMillis(), chain, lfc, m, state.events());
    }

    /** Challenge → miner name → salience (hotkeys of the demo's miners and {@code __burn__}; others left out). */
    static Map<String, Map<String, Double>> salienceByName(SalienceResult sal, Map<String, String> nameOf) {
        Map<String, Map<String, Double>> salience = new LinkedHashMap<>();
        if (sal != null) {
            sal.perChallenge().forEach((ticker, byHotkey) -> {
                Map<String, Double> named = new LinkedHashMap<>();
                byHotkey.forEach((hk, v) -> {
                    if (nameOf.containsKey(hk) && Double.isFinite(v)) {
                        named.put(nameOf.get(hk), v);
                    }
                });
                salience.put(ticker, named);
            });
        }
        return salience;
    }

    /** The protocol's challenges, the burn to UID 0 (computed, on chain, TRADE-MIX's unearned pool) and the EMA. */
    static DemoStatus.Scoring scoring(Protocol protocol, DemoState.Sample s) {
        List<DemoStatus.ChallengeInfo> challenges = new ArrayList<>();
        for (Challenge c : protocol.challenges()) {
            challenges.add(new DemoStatus.ChallengeInfo(c.ticker(), c.name(), c.weight()));
        }
        Protocol.Constants k = protocol.constants();
        Double onChain = s.mantisWeights().get(0);
        double tradeMixBurn = -1;
        if (s.salience() != null) {
            for (Challenge c : protocol.challenges()) {
                Map<String, Double> per = c.loss() == Loss.TRADE_MIX ? s.salience().perChallenge().get(c.ticker()) : null;
                if (per != null) {
                    tradeMixBurn = per.getOrDefault(HeadSalienceEngine.BURN_KEY, 0.0);
                }
            }
        }
        return new DemoStatus.Scoring(protocol.id(), challenges, k.burnPct(), Double.isFinite(s.burnShare()) ? s.burnShare() : -1,
                onChain == null || s.mantisWeights().isEmpty() ? -1 : onChain, Double.isFinite(tradeMixBurn) ? tradeMixBurn : -1,
                k.emaAlpha(), s.emaApplied());
    }

    private Map<Integer, Double> weights(int netuid, int validatorUid, String hash) {
        JsonNode w = observer.client().query("SubtensorModule", "Weights", List.of(netuid, validatorUid), hash);
        Map<Integer, Double> out = new LinkedHashMap<>();
        long sum = 0;
        for (JsonNode p : w) {
            sum += p.get(1).asLong();
        }
        for (JsonNode p : w) {
            out.put(p.get(0).asInt(), sum == 0 ? 0.0 : p.get(1).asLong() / (double) sum);
        }
        return out;
    }

    /** Epoch blocks (where {@code (block + netuid + 1) % (tempo + 1) == 0}) in 1..head. */
    static long epochs(long head, int netuid, int tempo) {
        if (tempo <= 0 || head <= 0) {
            return 0;
        }
        long period = tempo + 1L;
        long first = Math.floorMod(-(netuid + 1L), period);
        if (first == 0) {
            first = period;
        }
        return head < first ? 0 : (head - first) / period + 1;
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
