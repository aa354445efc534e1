package io.tao4j.cli.subnets;

import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.Metagraph;
import io.tao4j.chain.subtensor.Neuron;
import io.tao4j.chain.subtensor.SubnetSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of subnets and metagraphs (btcli's field names where it has them). */
final class SubnetsViews {
    private SubnetsViews() {
    }

    static Map<String, Object> subnet(SubnetSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("netuid", s.netuid());
        m.put("owner_coldkey", s.ownerColdkey());
        m.put("owner_hotkey", s.ownerHotkey());
        m.put("subnetwork_n", s.n());
        m.put("max_n", s.maxN());
        m.put("tempo", s.tempo());
        m.put("blocks_since_last_step", s.blocksSinceLastStep());
        m.put("burn", s.burn().tao());
        m.put("commit_reveal_weights_enabled", s.commitReveal());
        m.put("network_registered_at", s.registeredAt());
        return m;
    }

    static String line(SubnetSummary s) {
        return String.format("%6d  %4d/%-5d  tempo %-5d  burn %-16s  commit-reveal %-5s  owner %s", s.netuid(), s.n(), s.maxN(),
                s.tempo(), s.burn(), s.commitReveal(), s.ownerColdkey());
    }

    static Map<String, Object> neuron(Neuron n, int netuid, Metagraph m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uid", n.uid());
        v.put("hotkey", n.hotkey());
        v.put("coldkey", n.coldkey());
        v.put("active", n.active());
        v.put("stake", Balance.ofAlphaRao(n.stake(), netuid).tao());
        v.put("rank", u16(n.rank()));
        v.put("trust", u16(n.trust()));
        v.put("consensus", u16(n.consensus()));
        v.put("incentive", u16(n.incentive()));
        v.put("dividends", u16(n.dividends()));
        v.put("validator_trust", u16(n.validatorTrust()));
        v.put("emission", Balance.ofAlphaRao(n.emission(), netuid).tao());
        v.put("validator_permit", n.validatorPermit());
        v.put("last_update", n.lastUpdate());
        v.put("axon", n.axonIp() == null ? null : n.axonIp() + ":" + n.axonPort());
        if (m.full()) {
            v.put("weights", pairs(m.weightsOf(n.uid())));
            v.put("bonds", pairs(m.bondsOf(n.uid())));
        }
        return v;
    }

    static Map<String, Object> metagraph(Metagraph m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("netuid", m.netuid());
        r.put("block", m.block());
        r.put("block_hash", m.blockHash());
        r.put("n", m.n());
        r.put("source", m.source());
        List<Object> ns = new ArrayList<>();
        m.neurons().forEach(n -> ns.add(neuron(n, m.netuid(), m)));
        r.put("neurons", ns);
        return r;
    }

    static String row(Neuron n, int netuid) {
        return String.format("%4d  %-48s  %-18s  %6.4f  %6.4f  %6.4f  %6.4f  %-5s  %8d  %s", n.uid(), n.hotkey(),
                Balance.ofAlphaRao(n.stake(), netuid).format(4), u16(n.rank()), u16(n.consensus()), u16(n.incentive()),
                u16(n.dividends()), n.validatorPermit(), n.lastUpdate(),
                n.axonIp() == null ? "-" : n.axonIp() + ":" + n.axonPort());
    }

    static final String HEADER = String.format("%4s  %-48s  %-18s  %6s  %6s  %6s  %6s  %-5s  %8s  %s", "UID", "HOTKEY", "STAKE",
            "RANK", "CONS", "INCENT", "DIVS", "VPERM", "UPDATED", "AXON");

    static double u16(int v) {
        return v / 65535.0;
    }

    private static List<List<Integer>> pairs(Map<Integer, Integer> row) {
        List<List<Integer>> out = new ArrayList<>();
        row.forEach((k, v) -> out.add(List.of(k, v)));
        return out;
    }
}
