package io.tao4j.cli.demo.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The numbers of a {@link DemoStatus} as Prometheus text (exposition format 0.0.4), through Micrometer like
 * the neurons' own metrics: each snapshot's values are registered as meters on a fresh
 * {@link PrometheusMeterRegistry} and {@link PrometheusMeterRegistry#scrape() scraped}. Names start with
 * {@code tao4j_demo_}; counters end in {@code _total}; Micrometer escapes label values.
 */
public final class PrometheusText {
    /** The Content-Type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PREFIX = "tao4j_demo_";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private PrometheusText() {
    }

    /** All metrics of the snapshot. */
    public static String render(DemoStatus s) {
        PrometheusText p = new PrometheusText();
        try {
            p.fill(s);
            return p.registry.scrape();
        } finally {
            p.registry.close();
        }
    }

    private void fill(DemoStatus s) {
        gauge("elapsed_seconds", "Seconds since the demo started.", Tags.empty(), s.elapsedMillis() / 1000.0);

        DemoStatus.Chain c = s.chain();
        gauge("chain_head_block", "Best block number of the local chain.", Tags.empty(), c.head());
        gauge("chain_finalized_block", "Finalized block number of the local chain.", Tags.empty(), c.finalized());
        for (DemoStatus.Subnet n : c.subnets()) {
            Tags t = Tags.of("netuid", Integer.toString(n.netuid()), "name", n.name());
            gauge("subnet_tempo_blocks", "Blocks per epoch of the subnet.", t, n.tempo());
            counter("subnet_epochs", "Epochs the subnet completed since the demo started.", t, n.epochs());
        }

        DemoStatus.Lfc l = s.lfc();
        DemoStatus.StakePoint last = l.latest();
        if (last != null) {
            String help = "Alpha stake at the last sampled block: on the miner hotkey, on the aggregator hotkey, owned by the treasury coldkey.";
            gauge("lfc_stake_alpha", help, Tags.of("holder", "miner"), last.miner());
            gauge("lfc_stake_alpha", help, Tags.of("holder", "aggregator"), last.aggregator());
            gauge("lfc_stake_alpha", help, Tags.of("holder", "treasury"), last.treasury());
            gauge("lfc_stake_block", "Block of the last stake sample.", Tags.empty(), last.block());
        }
        counter("lfc_sweeps", "Sweeps done (miner hotkey to aggregator hotkey to treasury coldkey).", Tags.empty(), l.sweeps());
        counter("lfc_alpha_swept", "Alpha moved from the miner hotkey to the aggregator hotkey.", Tags.empty(), l.alphaSwept());
        counter("lfc_alpha_transferred", "Alpha transferred to the treasury coldkey.", Tags.empty(), l.alphaTransferred());
        counter("lfc_weight_sets", "Times the LFC validator set weights.", Tags.empty(), l.weightSets());
        l.weights().forEach((uid, w) -> gauge("lfc_weight", "The LFC validator's last weight per UID.",
                Tags.of("uid", Integer.toString(uid)), w));

        DemoStatus.Mantis m = s.mantis();
        counter("mantis_payloads_collected", "MANTIS payloads collected.", Tags.empty(), m.collected());
        counter("mantis_payloads_decrypted", "MANTIS payloads decrypted.", Tags.empty(), m.decrypted());
        m.rejected().forEach((reason, n) -> counter("mantis_payloads_rejected", "MANTIS payloads rejected, by reason.",
                Tags.of("reason", reason), n));
        gauge("mantis_pending_decryptions", "MANTIS payloads waiting for their time-lock round.", Tags.empty(), m.pending());
        gauge("mantis_ledger_steps", "Steps stored in the MANTIS validator's ledger.", Tags.empty(), m.ledgerSteps());
        counter("mantis_weight_sets", "Times the MANTIS validator set weights.", Tags.empty(), m.weightSets());
        gauge("mantis_weights_block", "Block of the MANTIS validator's last weights (-1 = none).", Tags.empty(), m.weights().block());
        for (DemoStatus.MinerWeight w : m.weights().weights()) {
            gauge("mantis_weight", "The MANTIS validator's last weight per UID.",
                    Tags.of("uid", Integer.toString(w.uid()), "hotkey", w.hotkey(), "miner", w.name()), w.weight());
        }
        DemoStatus.Scoring sc = m.scoring();
        gauge("mantis_burn_pct", "The share the MANTIS protocol burns to UID 0.", Tags.empty(), sc.burnPct());
        gauge("mantis_burn_on_chain", "UID 0's share of the MANTIS validator's weights on chain (-1 = none).", Tags.empty(),
                sc.onChainBurn());
        gauge("mantis_burn_vector", "UID 0's entry of the MANTIS validator's last computed weights (-1 = none).", Tags.empty(),
                sc.burnShare());
        gauge("mantis_trademix_burn", "TRADE-MIX's unearned share in the last calculation (-1 = no output).", Tags.empty(),
                sc.tradeMixBurn());
        gauge("mantis_ema_alpha", "Weight of the new vector in the MANTIS EMA (0 = none).", Tags.empty(), sc.emaAlpha());
        gauge("mantis_ema_applied", "1 when the last MANTIS calculation blended with the previous vector.", Tags.empty(),
                sc.emaApplied() ? 1 : 0);
        m.salience().forEach((challenge, perMiner) -> perMiner.forEach((miner, v) -> gauge("mantis_salience",
                "Salience per challenge and miner from the last MANTIS calculation.", Tags.of("challenge", challenge, "miner", miner), v)));
    }

    private void gauge(String name, String help, Tags tags, double value) {
        Gauge.builder(PREFIX + name, () -> value).description(help).tags(tags).strongReference(true).register(registry);
    }

    private void counter(String name, String help, Tags tags, double value) {
        FunctionCounter.builder(PREFIX + name, value, v -> v).description(help).tags(tags).register(registry);
    }
}
