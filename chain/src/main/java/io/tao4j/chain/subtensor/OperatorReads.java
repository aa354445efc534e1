package io.tao4j.chain.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.Balance;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Ss58;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.tao4j.chain.subtensor.Subtensor.SUBTENSOR;

/**
 * The reads an operator makes (btcli's {@code stake list}, {@code subnets list/show/metagraph/hyperparameters},
 * {@code wallet balance}), on top of {@link SubtensorReads}; use them through {@link Subtensor}. Amounts are typed
 * {@link Balance}s. Each read pins one block hash (this view's, or the best block fetched once) so its parts agree.
 */
public abstract class OperatorReads extends SubtensorReads {

    OperatorReads(LiveClient live, String pinned) {
        super(live, pinned);
    }

    /** The block hash every part of one read uses: {@code atHash}, this view's block, or the best block now. */
    String pin(String atHash) {
        String h = h(atHash);
        if (h != null) {
            return h;
        }
        String best = client().rpc().chainGetBlockHash(null);
        if (best == null) {
            throw new ChainException("node returned no best block hash");
        }
        return best;
    }

    /** {@code System.Account(ss58).data.free} as TAO. */
    public Balance balance(String ss58, String atHash) {
        return Balance.ofRao(freeBalance(ss58, atHash));
    }

    /** Stake of (coldkey, hotkey, netuid) as alpha of that subnet ({@link #stake} typed). */
    public Balance stakeBalance(String coldkeySs58, String hotkeySs58, int netuid, String atHash) {
        return Balance.ofAlphaRao(stake(coldkeySs58, hotkeySs58, netuid, atHash).stake(), netuid);
    }

    /**
     * Every non-zero stake of a coldkey (btcli {@code stake list}): the hotkeys it stakes to ({@code StakingHotkeys}) and
     * owns ({@code OwnedHotkeys}); for each, the subnets where it holds shares (the {@code Alpha} — and {@code AlphaV2}
     * where the runtime has it — entries under (hotkey, coldkey)); each value from {@link #stake} at the same block.
     */
    public List<StakeInfo> stakesOf(String coldkeySs58, String atHash) {
        String at = pin(atHash);
        OnlineClient c = client();
        Set<String> hotkeys = new LinkedHashSet<>();
        if (c.metadata().findStorage(SUBTENSOR, "StakingHotkeys").isPresent()) {
            c.query(SUBTENSOR, "StakingHotkeys", List.of(coldkeySs58), at).forEach(n -> hotkeys.add(n.asText()));
        }
        c.query(SUBTENSOR, "OwnedHotkeys", List.of(coldkeySs58), at).forEach(n -> hotkeys.add(n.asText()));
        List<StakeInfo> out = new ArrayList<>();
        for (String hot : hotkeys) {
            Set<Integer> netuids = new TreeSet<>();
            for (String item : List.of("Alpha", "AlphaV2")) {
                if (c.metadata().findStorage(SUBTENSOR, item).isPresent()) {
                    for (OnlineClient.Entry e : c.iterate(SUBTENSOR, item, List.of(hot, coldkeySs58), at, 1000)) {
                        netuids.add(e.keyParts().get(2).asInt());
                    }
                }
            }
            for (int netuid : netuids) {
                StakeInfo s = stake(coldkeySs58, hot, netuid, at);
                if (s.stake() > 0) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The subnet's alpha price in rao of TAO per alpha (10^9 = 1.0), as safe staking limits are expressed:
     * {@code SwapRuntimeApi_current_alpha_price}; 10^9 for netuid 0 (TAO).
     *
     * @throws ChainException when the runtime has no such API
     */
    public long alphaPriceRao(int netuid, String atHash) {
        if (netuid == 0) {
            return Balance.RAO_PER_TAO;
        }
        if (!client().hasRuntimeApi("SwapRuntimeApi", "current_alpha_price")) {
            throw new ChainException("this runtime's metadata declares no SwapRuntimeApi_current_alpha_price");
        }
        return Values.longValue(client().runtimeCall("SwapRuntimeApi", "current_alpha_price", List.of(netuid), pin(atHash)));
    }

    /** The netuids of every subnet ({@code NetworksAdded}), ascending. */
    public List<Integer> netuids(String atHash) {
        List<Integer> out = new ArrayList<>();
        for (OnlineClient.Entry e : client().iterate(SUBTENSOR, "NetworksAdded", List.of(), pin(atHash), 1000)) {
            if (e.value().asBoolean()) {
                out.add(e.keyParts().get(0).asInt());
            }
        }
        out.sort(Integer::compare);
        return out;
    }

    /** Every subnet's summary at one block (btcli {@code subnets list}). */
    public List<SubnetSummary> subnets(String atHash) {
        String at = pin(atHash);
        List<SubnetSummary> out = new ArrayList<>();
        for (int netuid : netuids(at)) {
            out.add(subnet(netuid, at));
        }
        return out;
    }

    /**
     * One subnet's summary (btcli {@code subnets show}): SubnetOwner, SubnetOwnerHotkey, SubnetworkN, MaxAllowedUids,
     * Tempo, BlocksSinceLastStep, Burn, CommitRevealWeightsEnabled, NetworkRegisteredAt in one
     * {@code state_queryStorageAt}.
     *
     * @throws ChainException when the subnet does not exist
     */
    public SubnetSummary subnet(int netuid, String atHash) {
        String at = pin(atHash);
        if (!subnetExists(netuid, at)) {
            throw new ChainException("subnet " + netuid + " does not exist");
        }
        List<String> items = List.of("SubnetOwner", "SubnetOwnerHotkey", "SubnetworkN", "MaxAllowedUids", "Tempo",
                "BlocksSinceLastStep", "Burn", "CommitRevealWeightsEnabled", "NetworkRegisteredAt");
        List<OnlineClient.StorageQuery> qs = new ArrayList<>();
        for (String item : items) {
            qs.add(new OnlineClient.StorageQuery(SUBTENSOR, item, List.of(netuid)));
        }
        List<JsonNode> v = client().queryAll(qs, at);
        return new SubnetSummary(netuid, v.get(0).asText(), v.get(1).asText(), v.get(2).asInt(), v.get(3).asInt(),
                v.get(4).asInt(), Values.longValue(v.get(5)), Balance.ofRao(Values.bigInt(v.get(6))), v.get(7).asBoolean(),
                Values.longValue(v.get(8)));
    }

    /**
     * The subnet's hyperparameters as the chain reports them (btcli {@code subnets hyperparameters}):
     * {@code SubnetInfoRuntimeApi_get_subnet_hyperparams_v2}, else {@code get_subnet_hyperparams}; field name → value.
     *
     * @throws ChainException when the subnet does not exist or the runtime has neither API
     */
    public Map<String, JsonNode> hyperparameters(int netuid, String atHash) {
        String at = pin(atHash);
        String method = client().hasRuntimeApi("SubnetInfoRuntimeApi", "get_subnet_hyperparams_v2") ? "get_subnet_hyperparams_v2"
                : client().hasRuntimeApi("SubnetInfoRuntimeApi", "get_subnet_hyperparams") ? "get_subnet_hyperparams" : null;
        if (method == null) {
            throw new ChainException("this runtime's metadata declares no SubnetInfoRuntimeApi hyperparameter call");
        }
        JsonNode r = client().runtimeCall("SubnetInfoRuntimeApi", method, List.of(netuid), at);
        if (r == null || r.isNull()) {
            throw new ChainException("subnet " + netuid + " does not exist");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * The full metagraph (the SDK's {@code lite=False}): {@link #metagraph} plus the weight and bond matrices
     * ({@code Weights(netuid, *)}, {@code Bonds(netuid, *)}), all at the metagraph's block.
     */
    public Metagraph fullMetagraph(int netuid, Long block) {
        Metagraph m = metagraph(netuid, block);
        return new Metagraph(m.netuid(), m.block(), m.blockHash(), m.neurons(), m.source(),
                matrix("Weights", netuid, m.blockHash()), matrix("Bonds", netuid, m.blockHash()), true);
    }

    private Map<Integer, Map<Integer, Integer>> matrix(String item, int netuid, String at) {
        Map<Integer, Map<Integer, Integer>> out = new TreeMap<>();
        if (client().metadata().findStorage(SUBTENSOR, item).isEmpty()) {
            return out;
        }
        for (OnlineClient.Entry e : client().iterate(SUBTENSOR, item, List.of(netuid), at, 1000)) {
            Map<Integer, Integer> row = new TreeMap<>();
            for (JsonNode pair : e.value()) {
                row.put(pair.get(0).asInt(), pair.get(1).asInt());
            }
            if (!row.isEmpty()) {
                out.put(e.keyParts().get(1).asInt(), row);
            }
        }
        return out;
    }

    /** {@code Weights(netuid, uid)}: the weights that uid set (column uid → u16). */
    public Map<Integer, Integer> weightsOf(int netuid, int uid, String atHash) {
        Map<Integer, Integer> row = new TreeMap<>();
        for (JsonNode pair : q("Weights", atHash, netuid, uid)) {
            row.put(pair.get(0).asInt(), pair.get(1).asInt());
        }
        return row;
    }

    /** The hotkey's pending hash commits on the subnet ({@code WeightCommits(netuid, hotkey)}), oldest first. */
    public List<WeightCommit> weightCommits(int netuid, String hotkeySs58, String atHash) {
        List<WeightCommit> out = new ArrayList<>();
        JsonNode v = q("WeightCommits", atHash, netuid, hotkeySs58);
        if (v == null || v.isNull()) {
            return out;
        }
        for (JsonNode t : v) {
            out.add(new WeightCommit(t.get(0).asText(), Values.longValue(t.get(1)), Values.longValue(t.get(2)),
                    Values.longValue(t.get(3))));
        }
        return out;
    }

    /**
     * The commit hash of {@code commit_weights} as the SDK computes it ({@code generate_weight_hash}) and the chain
     * checks it at reveal: blake2-256 of the SCALE encoding of (account id, netuid u16, uids Vec&lt;u16&gt;,
     * values Vec&lt;u16&gt;, salt Vec&lt;u16&gt;, version_key u64).
     */
    public static byte[] weightCommitHash(String hotkeySs58, int netuid, int[] uids, int[] values, int[] salt, long versionKey) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Ss58.decode(hotkeySs58));
        u16(b, netuid);
        vecU16(b, uids);
        vecU16(b, values);
        vecU16(b, salt);
        for (int i = 0; i < 8; i++) {
            b.write((int) (versionKey >>> (8 * i)) & 0xff);
        }
        return Hashes.blake2b256(b.toByteArray());
    }

    private static void u16(ByteArrayOutputStream b, int v) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException("value " + v + " does not fit in a u16");
        }
        b.write(v & 0xff);
        b.write(v >>> 8);
    }

    private static void vecU16(ByteArrayOutputStream b, int[] vs) {
        io.tao4j.scale.ScaleWriter w = new io.tao4j.scale.ScaleWriter();
        w.writeCompact(vs.length);
        b.writeBytes(w.toByteArray());
        for (int v : vs) {
            u16(b, v);
        }
    }
}
