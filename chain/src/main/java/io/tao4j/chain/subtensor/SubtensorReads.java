package io.tao4j.chain.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.chain.rpc.SubstrateRpc;
import io.tao4j.crypto.Hex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.tao4j.chain.subtensor.Subtensor.SUBTENSOR;

/**
 * The reads of {@link Subtensor} (use them through it), with the SDK's semantics. Every read takes an optional block
 * hash: {@code null} means the block this view is pinned to ({@link Subtensor#at(String)}), or the best block when it
 * is not pinned.
 */
public abstract class SubtensorReads {
    final LiveClient live;
    /** The block every read of this view is pinned to, or null to read the best block. */
    final String pinned;
    private volatile Long pinnedNumber;

    SubtensorReads(LiveClient live, String pinned) {
        this.live = Objects.requireNonNull(live, "live");
        this.pinned = pinned;
    }

    /** The online client of the current runtime (replaced after a runtime upgrade). */
    public OnlineClient client() {
        return live.client();
    }

    /** The block this view is pinned to, or null when it reads the best block. */
    public String pinnedBlockHash() {
        return pinned;
    }

    /** {@code atHash}, or this view's block when null. */
    String h(String atHash) {
        return atHash != null ? atHash : pinned;
    }

    JsonNode q(String item, String atHash, Object... keys) {
        return client().query(SUBTENSOR, item, List.of(keys), h(atHash));
    }

    // ------------------------------------------------------------------------------------------------ chain state

    /** SDK {@code get_current_block}: number of the best block ({@code chain_getHeader}), or of the pinned block. */
    public long currentBlock() {
        if (pinned == null) {
            return client().currentBlock();
        }
        Long n = pinnedNumber;
        if (n == null) {
            SubstrateRpc.Header h = client().rpc().chainGetHeader(pinned);
            if (h == null) {
                throw new ChainException("node does not know block " + pinned);
            }
            n = h.number();
            pinnedNumber = n;
        }
        return n;
    }

    public String blockHash(long block) {
        return client().blockHash(block);
    }

    // ------------------------------------------------------------------------------------------------ drand

    /**
     * {@code Drand.Pulses(round)}: the pulse the chain stored for a drand round, empty when it has none (not yet
     * written, pruned, or a runtime without the Drand pallet).
     */
    public Optional<DrandPulse> drandPulse(long round, String atHash) {
        if (client().metadata().findStorage("Drand", "Pulses").isEmpty()) {
            return Optional.empty();
        }
        JsonNode v = client().query("Drand", "Pulses", List.of(round), h(atHash));
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new DrandPulse(Values.longValue(v.get("round")), Hex.decode(v.get("randomness").asText()),
                Hex.decode(v.get("signature").asText())));
    }

    /** {@link #drandPulse(long, String)} at this view's block (the best block unless pinned). */
    public Optional<DrandPulse> drandPulse(long round) {
        return drandPulse(round, null);
    }

    /** {@code Drand.LastStoredRound}: the newest drand round the chain holds (0 when none or no Drand pallet). */
    public long lastStoredDrandRound(String atHash) {
        if (client().metadata().findStorage("Drand", "LastStoredRound").isEmpty()) {
            return 0;
        }
        return Values.longValue(client().query("Drand", "LastStoredRound", List.of(), h(atHash)));
    }

    public long lastStoredDrandRound() {
        return lastStoredDrandRound(null);
    }

    /** SDK {@code subnet_exists}: {@code NetworksAdded(netuid)}. */
    public boolean subnetExists(int netuid, String atHash) {
        return q("NetworksAdded", atHash, netuid).asBoolean();
    }

    /**
     * SDK {@code tempo}: via {@code get_hyperparameter("Tempo")}, which first checks {@code NetworksAdded(netuid)}
     * and gives None (here null) for a subnet that does not exist.
     */
    public Integer tempo(int netuid, String atHash) {
        if (!subnetExists(netuid, atHash)) {
            return null;
        }
        return q("Tempo", atHash, netuid).asInt();
    }

    /** SDK {@code blocks_since_last_step}: {@code BlocksSinceLastStep(netuid)}. */
    public long blocksSinceLastStep(int netuid, String atHash) {
        return Values.longValue(q("BlocksSinceLastStep", atHash, netuid));
    }

    /**
     * Block at which the next epoch starts. When the runtime has {@code SubnetInfoRuntimeApi.get_next_epoch_start_block}
     * (spec ≥ 423) its answer is used. Otherwise SDK9's {@code get_next_epoch_start_block}:
     * {@code block − BlocksSinceLastStep@block + tempo + 1}, null when the block is 0 or tempo is 0/None.
     *
     * @param block the block to compute from; null = current block
     */
    public Long nextEpochStartBlock(int netuid, Long block) {
        long b = block != null ? block : currentBlock();
        String hash = block == null && pinned != null ? pinned : blockHash(b);
        if (client().hasRuntimeApi("SubnetInfoRuntimeApi", "get_next_epoch_start_block")) {
            JsonNode r = client().runtimeCall("SubnetInfoRuntimeApi", "get_next_epoch_start_block", List.of(netuid), hash);
            return r == null || r.isNull() ? null : Values.longValue(r);
        }
        Integer tempo = tempo(netuid, hash);
        long bsls = blocksSinceLastStep(netuid, hash);
        if (b == 0 || tempo == null || tempo == 0) {
            return null;
        }
        return b - bsls + tempo + 1;
    }

    /** {@code SubnetOwnerHotkey(netuid)} as SS58 (the all-zero account when unset). */
    public String subnetOwnerHotkey(int netuid, String atHash) {
        return q("SubnetOwnerHotkey", atHash, netuid).asText();
    }

    /** SDK {@code get_uid_for_hotkey_on_subnet}: {@code Uids(netuid, hotkey)}, null when not registered. */
    public Integer uidForHotkey(String hotkeySs58, int netuid, String atHash) {
        JsonNode v = q("Uids", atHash, netuid, hotkeySs58);
        return v == null || v.isNull() ? null : v.asInt();
    }

    /** SDK {@code is_hotkey_registered_on_subnet}: the uid lookup is not None. */
    public boolean isHotkeyRegistered(String hotkeySs58, int netuid, String atHash) {
        return uidForHotkey(hotkeySs58, netuid, atHash) != null;
    }

    /** {@code ValidatorPermit(netuid)[uid]} (false when the uid is out of range, as an absent entry). */
    public boolean validatorPermit(int netuid, int uid, String atHash) {
        JsonNode v = q("ValidatorPermit", atHash, netuid);
        return uid >= 0 && uid < v.size() && v.get(uid).asBoolean();
    }

    /** {@code WeightsVersionKey(netuid)}. */
    public long weightsVersionKey(int netuid, String atHash) {
        return Values.longValue(q("WeightsVersionKey", atHash, netuid));
    }

    /** {@code SubnetworkN(netuid)}: number of uids. */
    public int subnetworkN(int netuid, String atHash) {
        return q("SubnetworkN", atHash, netuid).asInt();
    }

    /** SDK {@code commit_reveal_enabled}: {@code CommitRevealWeightsEnabled(netuid)}. */
    public boolean commitRevealEnabled(int netuid, String atHash) {
        return q("CommitRevealWeightsEnabled", atHash, netuid).asBoolean();
    }

    /** {@code WeightsSetRateLimit(netuid)} in blocks. */
    public long weightsRateLimit(int netuid, String atHash) {
        return Values.longValue(q("WeightsSetRateLimit", atHash, netuid));
    }

    /** {@code LastUpdate(netuid)}: per uid, the block of its last weight set/commit. */
    public List<Long> lastUpdate(int netuid, String atHash) {
        List<Long> out = new ArrayList<>();
        q("LastUpdate", atHash, netuid).forEach(n -> out.add(Values.longValue(n)));
        return out;
    }

    /** SDK {@code get_owned_hotkeys}: {@code OwnedHotkeys(coldkey)} as SS58 ([] when none). */
    public List<String> ownedHotkeys(String coldkeySs58, String atHash) {
        List<String> out = new ArrayList<>();
        q("OwnedHotkeys", atHash, coldkeySs58).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code System.Account(address).data.free} in rao. */
    public BigInteger freeBalance(String ss58, String atHash) {
        JsonNode a = client().query("System", "Account", List.of(ss58), h(atHash));
        return Values.bigInt(a.path("data").path("free"));
    }

    // ------------------------------------------------------------------------------------------------ metagraph

    /**
     * The subnet's neurons at {@code block} (null = current), read as SDK9's lite {@code Metagraph.sync} does:
     * current block → its hash → {@code NeuronInfoRuntimeApi_get_neurons_lite(netuid)} at that hash. On runtimes
     * whose metadata lists no runtime APIs (V14), the same fields come from storage at that hash (Keys, Owner,
     * Active, ValidatorPermit, LastUpdate, Incentive, Dividends, TotalHotkeyAlpha or Stake).
     */
    public Metagraph metagraph(int netuid, Long block) {
        long b = block != null ? block : currentBlock();
        String hash = block == null && pinned != null ? pinned : blockHash(b);
        if (client().hasRuntimeApi("NeuronInfoRuntimeApi", "get_neurons_lite")) {
            JsonNode list = client().runtimeCall("NeuronInfoRuntimeApi", "get_neurons_lite", List.of(netuid), hash);
            List<Neuron> neurons = new ArrayList<>(list.size());
            for (JsonNode n : list) {
                neurons.add(SubtensorStorage.neuron(n));
            }
            return new Metagraph(netuid, b, hash, List.copyOf(neurons), "NeuronInfoRuntimeApi");
        }
        return SubtensorStorage.metagraph(client(), netuid, b, hash);
    }

    // ------------------------------------------------------------------------------------------------ stake

    /**
     * Stake of (coldkey, hotkey, netuid) in alpha rao. Uses {@code StakeInfoRuntimeApi.get_stake_info_for_hotkey_coldkey_netuid}
     * when the metadata declares it (SDK10's {@code get_stake}; None counts as 0). Otherwise the share-pool value the
     * chain computes ({@code stake_utils.rs}): {@code TotalHotkeyAlpha × share / denominator}, truncated, with the
     * share from {@code Alpha} if that key exists else {@code AlphaV2}, the denominator from {@code TotalHotkeyShares}
     * else {@code TotalHotkeySharesV2} (exact rational arithmetic here; the chain's fixed-point may differ in the last
     * rao). SDK9 computes the same ratio in floating point ({@code int(shares / total_shares * hotkey_alpha)}).
     * On pre-dTAO runtimes (no Alpha map) {@code Stake(hotkey, coldkey)} is returned.
     */
    public StakeInfo stake(String coldkeySs58, String hotkeySs58, int netuid, String atBlock) {
        String atHash = h(atBlock);
        if (client().hasRuntimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid")) {
            JsonNode r = client().runtimeCall("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid",
                    List.of(hotkeySs58, coldkeySs58, netuid), atHash);
            long stake = r == null || r.isNull() ? 0 : Values.longValue(r.path("stake"));
            return new StakeInfo(hotkeySs58, coldkeySs58, netuid, stake, "StakeInfoRuntimeApi");
        }
        return new StakeInfo(hotkeySs58, coldkeySs58, netuid, SubtensorStorage.stake(client(), coldkeySs58, hotkeySs58, netuid, atHash), "storage");
    }

    // ------------------------------------------------------------------------------------------------ commitments

    /**
     * SDK {@code get_all_commitments(netuid)}: every {@code Commitments.CommitmentOf(netuid, *)} entry (paged key
     * listing + one value query per page at one block) → hotkey SS58 → text of the first field, decoded as UTF-8
     * with invalid bytes dropped ({@code decode_metadata}). Entries whose first field carries no bytes are skipped,
     * as the SDK logs and skips entries it cannot decode.
     */
    public Map<String, String> allCommitments(int netuid, String atHash) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OnlineClient.Entry e : client().iterate("Commitments", "CommitmentOf", List.of(netuid), h(atHash), 1000)) {
            String hotkey = e.keyParts().get(1).asText();
            SubtensorStorage.commitmentText(e.value()).ifPresent(t -> out.put(hotkey, t));
        }
        return out;
    }

    /** {@code CommitmentOf(netuid, hotkey)} decoded like {@link #allCommitments}; empty when there is none. */
    public Optional<String> commitment(int netuid, String hotkeySs58, String atHash) {
        JsonNode v = client().query("Commitments", "CommitmentOf", List.of(netuid, hotkeySs58), h(atHash));
        return v == null || v.isNull() ? Optional.empty() : SubtensorStorage.commitmentText(v);
    }

    /** The header of a block, for callers that need more than its number. */
    public SubstrateRpc.Header header(String blockHash) {
        return client().rpc().chainGetHeader(blockHash);
    }
}
