package io.tao4j.cli.demo.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of a {@link DemoStatus} in the Prometheus text exposition format (version 0.0.4): each family
 * is one {@code # HELP} and one {@code # TYPE} line followed by its samples; names start with
 * {@code tao4j_demo_}; label values escape backslash, double quote and newline, HELP text backslash and
 * newline. Counters end in {@code _total}.
 */
public final class PrometheusText {
    /** The Content-Type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PREFIX = "tao4j_demo_";

    private final StringBuilder out = new StringBuilder();

    private PrometheusText() {
    }

    /** All metrics of the snapshot. */
    public static String render(DemoStatus s) {
        PrometheusText p = new PrometheusText();
        p.family("elapsed_seconds", "gauge", "Seconds since the demo started.");
        p.sample("elapsed_seconds", Map.of(), s.elapsedMillis() / 1000.0);

        DemoStatus.Chain c = s.chain();
        p.family("chain_head_block", "gauge", "Best block number of the local chain.");
        p.sample("chain_head_block", Map.of(), c.head());
        p.family("chain_finalized_block", "gauge", "Finalized block number of the local chain.");
        p.sample("chain_finalized_block", Map.of(), c.finalized());
        if (!c.subnets().isEmpty()) {
            p.family("subnet_tempo_blocks", "gauge", "Blocks per epoch of the subnet.");
            for (DemoStatus.Subnet n : c.subnets()) {
                p.sample("subnet_tempo_blocks", subnetLabels(n), n.tempo());
            }
            p.family("subnet_epochs_total", "counter", "Epochs the subnet completed since the demo started.");
            for (DemoStatus.Subnet n : c.subnets()) {
                p.sample("subnet_epochs_total", subnetLabels(n), n.epochs());
            }
        }

        DemoStatus.Lfc l = s.lfc();
        DemoStatus.StakePoint last = l.latest();
        if (last != null) {
            p.family("lfc_stake_alpha", "gauge",
                    "Alpha stake at the last sampled block: on the miner hotkey, on the aggregator hotkey, owned by the treasury coldkey.");
            p.sample("lfc_stake_alpha", Map.of("holder", "miner"), last.miner());
            p.sample("lfc_stake_alpha", Map.of("holder", "aggregator"), last.aggregator());
            p.sample("lfc_stake_alpha", Map.of("holder", "treasury"), last.treasury());
            p.family("lfc_stake_block", "gauge", "Block of the last stake sample.");
            p.sample("lfc_stake_block", Map.of(), last.block());
        }
        p.family("lfc_sweeps_total", "counter", "Sweeps done (miner hotkey to aggregator hotkey to treasury coldkey).");
        p.sample("lfc_sweeps_total", Map.of(), l.sweeps());
        p.family("lfc_alpha_swept_total", "counter", "Alpha moved from the miner hotkey to the aggregator hotkey.");
        p.sample("lfc_alpha_swept_total", Map.of(), l.alphaSwept());
        p.family("lfc_alpha_transferred_total", "counter", "Alpha transferred to the treasury coldkey.");
        p.sample("lfc_alpha_transferred_total", Map.of(), l.alphaTransferred());
        p.family("lfc_weight_sets_total", "counter", "Times the LFC validator set weights.");
        p.sample("lfc_weight_sets_total", Map.of(), l.weightSets());
        if (!l.weights().isEmpty()) {
            p.family("lfc_weight", "gauge", "The LFC validator's last weight per UID.");
            l.weights().forEach((uid, w) -> p.sample("lfc_weight", Map.of("uid", Integer.toString(uid)), w));
        }

        DemoStatus.Mantis m = s.mantis();
        p.family("mantis_payloads_collected_total", "counter", "MANTIS payloads collected.");
        p.sample("mantis_payloads_collected_total", Map.of(), m.collected());
        p.family("mantis_payloads_decrypted_total", "counter", "MANTIS payloads decrypted.");
        p.sample("mantis_payloads_decrypted_total", Map.of(), m.decrypted());
        if (!m.rejected().isEmpty()) {
            p.family("mantis_payloads_rejected_total", "counter", "MANTIS payloads rejected, by reason.");
            m.rejected().forEach((reason, n) -> p.sample("mantis_payloads_rejected_total", Map.of("reason", reason), n));
        }
        p.family("mantis_pending_decryptions", "gauge", "MANTIS payloads waiting for their time-lock round.");
        p.sample("mantis_pending_decryptions", Map.of(), m.pending());
        p.family("mantis_ledger_steps", "gauge", "Steps stored in the MANTIS validator's ledger.");
        p.sample("mantis_ledger_steps", Map.of(), m.ledgerSteps());
        p.family("mantis_weight_sets_total", "counter", "Times the MANTIS validator set weights.");
        p.sample("mantis_weight_sets_total", Map.of(), m.weightSets());
        p.family("mantis_weights_block", "gauge", "Block of the MANTIS validator's last weights (-1 = none).");
        p.sample("mantis_weights_block", Map.of(), m.weights().block());
        if (!m.weights().weights().isEmpty()) {
            p.family("mantis_weight", "gauge", "The MANTIS validator's last weight per UID.");
            for (DemoStatus.MinerWeight w : m.weights().weights()) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("uid", Integer.toString(w.uid()));
                labels.put("hotkey", w.hotkey());
                labels.put("miner", w.name());
                p.sample("mantis_weight", labels, w.weight());
            }
        }
        if (!m.salience().isEmpty()) {
            p.family("mantis_salience", "gauge", "Salience per challenge and miner from the last MANTIS calculation.");
            m.salience().forEach((challenge, perMiner) -> perMiner.forEach((miner, v) -> {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("challenge", challenge);
                labels.put("miner", miner);
                p.sample("mantis_salience", labels, v);
            }));
        }
        return p.out.toString();
    }

    private static Map<String, String> subnetLabels(DemoStatus.Subnet n) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("netuid", Integer.toString(n.netuid()));
        labels.put("name", n.name());
        return labels;
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(PREFIX).append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(PREFIX).append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, Map<String, String> labels, double value) {
        out.append(PREFIX).append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(e.getKey()).append("=\"").append(escapeLabel(e.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
