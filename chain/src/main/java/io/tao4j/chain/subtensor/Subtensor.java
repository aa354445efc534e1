package io.tao4j.chain.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.chain.rpc.SubstrateRpc;
import io.tao4j.chain.tx.SignedExtrinsic;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Ss58;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Subtensor calls the neurons make, with the semantics of the Python SDK (bittensor v9.12.2,
 * {@code bittensor/core/subtensor.py}, "SDK9" below; v10.2.0 "SDK10" where it differs). Every read takes an optional
 * block hash ({@code null} = best block). Everything is looked up in the runtime metadata the client was built with:
 * storage layouts, call indices, error names, runtime APIs.
 */
public final class Subtensor {
    public static final String SUBTENSOR = "SubtensorModule";
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** SDK {@code BLOCKTIME}: 12 s. */
    public static final double BLOCK_TIME_SECONDS = 12.0;

    private volatile OnlineClient client;
    private volatile Duration timeout = Duration.ofMinutes(2);
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private volatile io.tao4j.drand.ChainInfo timelockChain = io.tao4j.drand.ChainInfo.QUICKNET;
    private volatile double blockTimeSeconds = BLOCK_TIME_SECONDS;

    public Subtensor(OnlineClient client) {
        this.client = client;
    }

    public OnlineClient client() {
        return client;
    }

    /** The wall clock used for commit-reveal rounds (tests pin it). */
    public Subtensor withClock(java.time.Clock c) {
        this.clock = c;
        return this;
    }

    /**
     * The drand chain that commit-reveal weights are timelocked to, and the block time used to aim at the reveal
     * epoch. Defaults: drand quicknet and 12 s (finney, test). On a local network pass the local beacon's chain info
     * (the discovery document's {@code drand} section) and its block time, or the chain cannot decrypt the commit.
     */
    public Subtensor withTimelock(io.tao4j.drand.ChainInfo chain, double blockTimeSeconds) {
        if (chain == null || !(blockTimeSeconds > 0)) {
            throw new IllegalArgumentException("a drand chain and a positive block time are required");
        }
        this.timelockChain = chain;
        this.blockTimeSeconds = blockTimeSeconds;
        return this;
    }

    public io.tao4j.drand.ChainInfo timelockChain() {
        return timelockChain;
    }

    /** How long submissions wait for inBlock/finalized (default 2 minutes). */
    public Subtensor withTimeout(Duration t) {
        this.timeout = t;
        return this;
    }

    private JsonNode q(String item, String atHash, Object... keys) {
        return client.query(SUBTENSOR, item, List.of(keys), atHash);
    }

    // ------------------------------------------------------------------------------------------------ chain state

    /** SDK {@code get_current_block}: number of the best block ({@code chain_getHeader}). */
    public long currentBlock() {
        return client.currentBlock();
    }

    public String blockHash(long block) {
        return client.blockHash(block);
    }

    // ------------------------------------------------------------------------------------------------ drand

    /**
     * {@code Drand.Pulses(round)}: the pulse the chain stored for a drand round, empty when it has none (not yet
     * written, pruned, or a runtime without the Drand pallet).
     */
    public Optional<DrandPulse> drandPulse(long round, String atHash) {
        if (client.metadata().findStorage("Drand", "Pulses").isEmpty()) {
            return Optional.empty();
        }
        JsonNode v = client.query("Drand", "Pulses", List.of(round), atHash);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new DrandPulse(Values.longValue(v.get("round")), Hex.decode(v.get("randomness").asText()),
                Hex.decode(v.get("signature").asText())));
    }

    /** {@link #drandPulse(long, String)} at the best block. */
    public Optional<DrandPulse> drandPulse(long round) {
        return drandPulse(round, null);
    }

    /** {@code Drand.LastStoredRound}: the newest drand round the chain holds (0 when none or no Drand pallet). */
    public long lastStoredDrandRound(String atHash) {
        if (client.metadata().findStorage("Drand", "LastStoredRound").isEmpty()) {
            return 0;
        }
        return Values.longValue(client.query("Drand", "LastStoredRound", List.of(), atHash));
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
        String hash = blockHash(b);
        if (client.hasRuntimeApi("SubnetInfoRuntimeApi", "get_next_epoch_start_block")) {
            JsonNode r = client.runtimeCall("SubnetInfoRuntimeApi", "get_next_epoch_start_block", List.of(netuid), hash);
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
        JsonNode a = client.query("System", "Account", List.of(ss58), atHash);
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
        String hash = blockHash(b);
        if (client.hasRuntimeApi("NeuronInfoRuntimeApi", "get_neurons_lite")) {
            JsonNode list = client.runtimeCall("NeuronInfoRuntimeApi", "get_neurons_lite", List.of(netuid), hash);
            List<Neuron> neurons = new ArrayList<>(list.size());
            for (JsonNode n : list) {
                neurons.add(neuron(n));
            }
            return new Metagraph(netuid, b, hash, List.copyOf(neurons), "NeuronInfoRuntimeApi");
        }
        return metagraphFromStorage(netuid, b, hash);
    }

    static Neuron neuron(JsonNode n) {
        long stake = 0;
        for (JsonNode s : n.path("stake")) {
            stake += Values.longValue(s.isArray() ? s.get(1) : s);
        }
        JsonNode axon = n.path("axon_info");
        return new Neuron(n.path("uid").asInt(), n.path("hotkey").asText(), n.path("coldkey").asText(),
                n.path("active").asBoolean(), stake, n.path("rank").asInt(), Values.longValue(n.path("emission")),
                n.path("incentive").asInt(), n.path("consensus").asInt(), n.path("trust").asInt(),
                n.path("validator_trust").asInt(), n.path("dividends").asInt(), Values.longValue(n.path("last_update")),
                n.path("validator_permit").asBoolean(), ip(Values.bigInt(axon.path("ip")), axon.path("ip_type").asInt()),
                axon.path("port").asInt());
    }

    /** The SDK's {@code ip__str__}: IPv4 from the low 32 bits for ip_type 4, IPv6 otherwise; "0.0.0.0" when 0. */
    static String ip(BigInteger ip, int type) {
        try {
            if (type == 6) {
                byte[] b = new byte[16];
                byte[] raw = ip.toByteArray();
                int n = Math.min(raw.length, 16);
                System.arraycopy(raw, raw.length - n, b, 16 - n, n);
                return InetAddress.getByAddress(b).getHostAddress();
            }
            long v = ip.longValue() & 0xffffffffL;
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        } catch (UnknownHostException e) {
            return ip.toString();
        }
    }

    private Metagraph metagraphFromStorage(int netuid, long block, String hash) {
        List<OnlineClient.Entry> keys = client.iterate(SUBTENSOR, "Keys", List.of(netuid), hash, 1000);
        Map<Integer, String> hotkeys = new java.util.TreeMap<>();
        for (OnlineClient.Entry e : keys) {
            hotkeys.put(e.keyParts().get(1).asInt(), e.value().asText());
        }
        List<List<?>> ownerKeys = new ArrayList<>();
        hotkeys.values().forEach(h -> ownerKeys.add(List.of(h)));
        List<JsonNode> owners = client.queryMany(SUBTENSOR, "Owner", ownerKeys, hash);
        List<JsonNode> stakes;
        if (client.metadata().findStorage(SUBTENSOR, "TotalHotkeyAlpha").isPresent()) {
            List<List<?>> k = new ArrayList<>();
            hotkeys.values().forEach(h -> k.add(List.of(h, netuid)));
            stakes = client.queryMany(SUBTENSOR, "TotalHotkeyAlpha", k, hash);
        } else if (client.metadata().findStorage(SUBTENSOR, "TotalHotkeyStake").isPresent()) {
            stakes = client.queryMany(SUBTENSOR, "TotalHotkeyStake", ownerKeys, hash);
        } else {
            stakes = null;
        }
        JsonNode active = optionalVec("Active", netuid, hash);
        JsonNode permit = optionalVec("ValidatorPermit", netuid, hash);
        JsonNode last = optionalVec("LastUpdate", netuid, hash);
        JsonNode incentive = optionalVec("Incentive", netuid, hash);
        JsonNode dividends = optionalVec("Dividends", netuid, hash);
        JsonNode rank = optionalVec("Rank", netuid, hash);
        JsonNode emission = optionalVec("Emission", netuid, hash);
        JsonNode trust = optionalVec("Trust", netuid, hash);
        JsonNode consensus = optionalVec("Consensus", netuid, hash);
        JsonNode vtrust = optionalVec("ValidatorTrust", netuid, hash);
        List<Neuron> neurons = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, String> h : hotkeys.entrySet()) {
            int uid = h.getKey();
            neurons.add(new Neuron(uid, h.getValue(), owners.get(i).asText(), at(active, uid).asBoolean(),
                    stakes == null ? 0 : Values.longValue(stakes.get(i)), at(rank, uid).asInt(),
                    Values.longValue(at(emission, uid)), at(incentive, uid).asInt(), at(consensus, uid).asInt(),
                    at(trust, uid).asInt(), at(vtrust, uid).asInt(), at(dividends, uid).asInt(),
                    Values.longValue(at(last, uid)), at(permit, uid).asBoolean(), null, 0));
            i++;
        }
        return new Metagraph(netuid, block, hash, List.copyOf(neurons), "storage");
    }

    private JsonNode optionalVec(String item, int netuid, String hash) {
        if (client.metadata().findStorage(SUBTENSOR, item).isEmpty()) {
            return Values.JSON.createArrayNode();
        }
        return q(item, hash, netuid);
    }

    private static JsonNode at(JsonNode vec, int i) {
        return i < vec.size() ? vec.get(i) : Values.JSON.getNodeFactory().numberNode(0);
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
    public StakeInfo stake(String coldkeySs58, String hotkeySs58, int netuid, String atHash) {
        if (client.hasRuntimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid")) {
            JsonNode r = client.runtimeCall("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid",
                    List.of(hotkeySs58, coldkeySs58, netuid), atHash);
            long stake = r == null || r.isNull() ? 0 : Values.longValue(r.path("stake"));
            return new StakeInfo(hotkeySs58, coldkeySs58, netuid, stake, "StakeInfoRuntimeApi");
        }
        return new StakeInfo(hotkeySs58, coldkeySs58, netuid, stakeFromStorage(coldkeySs58, hotkeySs58, netuid, atHash), "storage");
    }

    private long stakeFromStorage(String cold, String hot, int netuid, String atHash) {
        var md = client.metadata();
        boolean v1 = md.findStorage(SUBTENSOR, "Alpha").isPresent();
        boolean v2 = md.findStorage(SUBTENSOR, "AlphaV2").isPresent();
        if (!v1 && !v2) {
            if (md.findStorage(SUBTENSOR, "Stake").isPresent()) {
                return Values.longValue(q("Stake", atHash, hot, cold));
            }
            throw new ChainException("this runtime has neither the stake runtime API nor Alpha/AlphaV2/Stake storage");
        }
        BigInteger[] share = fraction(v1 ? client.queryRaw(SUBTENSOR, "Alpha", List.of(hot, cold, netuid), atHash) : null,
                "Alpha", v2 ? "AlphaV2" : null, List.of(hot, cold, netuid), atHash);
        BigInteger[] denom = fraction(v1 && md.findStorage(SUBTENSOR, "TotalHotkeyShares").isPresent()
                        ? client.queryRaw(SUBTENSOR, "TotalHotkeyShares", List.of(hot, netuid), atHash) : null,
                "TotalHotkeyShares", v2 ? "TotalHotkeySharesV2" : null, List.of(hot, netuid), atHash);
        BigInteger alpha = Values.bigInt(q("TotalHotkeyAlpha", atHash, hot, netuid));
        if (denom[0].signum() == 0) {
            return 0;
        }
        // value = alpha × (s_num/s_den) / (d_num/d_den)
        BigInteger num = alpha.multiply(share[0]).multiply(denom[1]);
        BigInteger den = share[1].multiply(denom[0]);
        BigInteger v = num.divide(den);
        return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
    }

    /** A share value as numerator/denominator: U64F64 bits/2^64 from V1 raw bytes, else SafeFloat mantissa·10^exp. */
    private BigInteger[] fraction(byte[] v1Raw, String v1Item, String v2Item, List<?> keys, String atHash) {
        if (v1Raw != null) {
            JsonNode j = client.decodeStorage(SUBTENSOR, v1Item, v1Raw);
            BigInteger bits = Values.bigInt(j.has("bits") ? j.get("bits") : j);
            return new BigInteger[]{bits, TWO_64};
        }
        if (v2Item == null) {
            return new BigInteger[]{BigInteger.ZERO, BigInteger.ONE};
        }
        JsonNode sf = client.query(SUBTENSOR, v2Item, keys, atHash);
        BigInteger mantissa = Values.bigInt(sf.path("mantissa"));
        long exp = Values.longValue(sf.path("exponent"));
        if (exp >= 0) {
            return new BigInteger[]{mantissa.multiply(BigInteger.TEN.pow((int) exp)), BigInteger.ONE};
        }
        return new BigInteger[]{mantissa, BigInteger.TEN.pow((int) -exp)};
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
        for (OnlineClient.Entry e : client.iterate("Commitments", "CommitmentOf", List.of(netuid), atHash, 1000)) {
            String hotkey = e.keyParts().get(1).asText();
            commitmentText(e.value()).ifPresent(t -> out.put(hotkey, t));
        }
        return out;
    }

    /** {@code CommitmentOf(netuid, hotkey)} decoded like {@link #allCommitments}; empty when there is none. */
    public Optional<String> commitment(int netuid, String hotkeySs58, String atHash) {
        JsonNode v = client.query("Commitments", "CommitmentOf", List.of(netuid, hotkeySs58), atHash);
        return v == null || v.isNull() ? Optional.empty() : commitmentText(v);
    }

    static Optional<String> commitmentText(JsonNode registration) {
        JsonNode fields = registration.path("info").path("fields");
        if (!fields.isArray() || fields.isEmpty()) {
            return Optional.empty();
        }
        JsonNode f = fields.get(0);
        // the payload of the first variant when it is bytes (Raw<n>, BigRaw, hashes); TimelockEncrypted (a struct)
        // and ResetBondsFlag (no payload) make the SDK's decode_metadata fail, which get_all_commitments skips
        JsonNode payload = f.isObject() && f.size() == 1 ? f.elements().next() : null;
        if (payload == null || !payload.isTextual() || !payload.asText().startsWith("0x")) {
            return Optional.empty();
        }
        byte[] bytes = Hex.decode(payload.asText());
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * Re-reads metadata and runtime version when the runtime was upgraded since the client was built (a transaction
     * signed for the old spec version would be refused). Called before every submission; long-running callers may
     * also call it once per epoch so that reads use the new storage layouts. Returns true when it reloaded.
     */
    public synchronized boolean refreshIfUpgraded() {
        SubstrateRpc.RuntimeVersion now = client.rpc().stateGetRuntimeVersion();
        if (now.specVersion() == client.runtimeVersion().specVersion()
                && now.transactionVersion() == client.runtimeVersion().transactionVersion()) {
            return false;
        }
        client = OnlineClient.connect(client.rpc().client());
        return true;
    }

    /** Refreshes after a runtime upgrade, then encodes the call with the current metadata, signs and submits. */
    private TxOutcome send(Signer signer, java.util.function.Supplier<byte[]> call, OnlineClient.WaitFor waitFor) {
        refreshIfUpgraded();
        SignedExtrinsic xt = client.sign(call.get(), signer);
        return client.submit(xt, waitFor, timeout);
    }

    /**
     * SDK9 {@code set_weights} (~4262-4370) for a subnet without commit-reveal: the hotkey's uid must exist; the
     * SDK's client-side gate {@code current − LastUpdate[uid] > WeightsSetRateLimit} (strict) must pass, else nothing is
     * sent ("No attempt made. Perhaps it is too soon to commit weights!"); weights are converted as
     * {@link WeightConversion#convert}; the call is {@code set_mechanism_weights(netuid, mecid 0, …)} when the runtime
     * has it (SDK9's choice) else {@code set_weights}, signed by the hotkey with nonce from the pool and era 32.
     * A too-early attempt is refused by the pool on newer runtimes ({@link SetWeightsResult.Status#REJECTED}, custom
     * code 6) and included-then-failed on older ones ({@link SetWeightsResult.Status#FAILED},
     * SubtensorModule.SettingWeightsTooFast). Unlike the SDK there is a single attempt (no retry loop).
     *
     * <p>Commit-reveal: when {@code CommitRevealWeightsEnabled(netuid)} is true the SDK (9.12.2,
     * {@code commit_timelocked_mechanism_weights_extrinsic}) sends a drand-timelocked commit instead, and so does this
     * method: {@link TimelockedWeights#commit} with the subnet's {@code Tempo} and {@code RevealPeriodEpochs} (what
     * {@code get_subnet_hyperparams_v2} reports), the current block, the block time and the wall clock; the call is
     * {@code commit_timelocked_mechanism_weights(netuid, mecid 0, commit, reveal_round, commit_reveal_version)} (or
     * {@code commit_timelocked_weights}, or {@code commit_crv3_weights} on runtimes that only have those), with
     * {@code commit_reveal_version} from {@code CommitRevealWeightsVersion} (default 4). The chain reveals the weights
     * itself when the drand round arrives. The drand chain and block time are those of {@link #withTimelock}
     * (quicknet and 12 s unless set). The result is {@link SetWeightsResult.Status#COMMITTED}.
     */
    public SetWeightsResult setWeights(Signer hotkey, int netuid, int[] uids, double[] weights, long versionKey,
                                       OnlineClient.WaitFor waitFor) {
        String ss58 = Ss58.encode(hotkey.publicKey());
        WeightConversion.Emit emit = WeightConversion.convert(uids, weights);
        Integer uid = uidForHotkey(ss58, netuid, null);
        if (uid == null) {
            return new SetWeightsResult(false, SetWeightsResult.Status.NOT_REGISTERED,
                    "Hotkey " + ss58 + " not registered in subnet " + netuid, null);
        }
        long current = currentBlock();
        List<Long> last = lastUpdate(netuid, null);
        long lastUpdate = uid < last.size() ? last.get(uid) : 0;
        long limit = weightsRateLimit(netuid, null);
        if (!(current - lastUpdate > limit)) {
            return new SetWeightsResult(false, SetWeightsResult.Status.TOO_SOON,
                    "No attempt made. Perhaps it is too soon to commit weights!", null);
        }
        if (emit.isEmpty()) {
            return new SetWeightsResult(false, SetWeightsResult.Status.EMPTY_WEIGHTS,
                    "all weights are zero: nothing to set", null);
        }
        if (commitRevealEnabled(netuid, null)) {
            long tempo = q("Tempo", null, netuid).asLong();
            long revealPeriod = Values.longValue(q("RevealPeriodEpochs", null, netuid));
            double now = clock.millis() / 1000.0;
            TimelockedWeights.Commit commit = TimelockedWeights.commit(hotkey.publicKey(), emit.uids(), emit.weights(),
                    versionKey, tempo, current, netuid, revealPeriod, blockTimeSeconds, now, random, timelockChain);
            TxOutcome out = send(hotkey, () -> commitCall(netuid, commit), waitFor);
            SetWeightsResult r = weightsResult(out);
            if (r.success()) {
                return new SetWeightsResult(true, SetWeightsResult.Status.COMMITTED,
                        "Successfully committed weights for reveal round " + commit.revealRound() + ".", out);
            }
            return r;
        }
        TxOutcome out = send(hotkey, () -> setWeightsCall(netuid, emit, versionKey), waitFor);
        return weightsResult(out);
    }

    /** The commit call for a timelocked commit, picking the newest form the runtime has. */
    public byte[] commitCall(int netuid, TimelockedWeights.Commit commit) {
        long version = client.metadata().findStorage(SUBTENSOR, "CommitRevealWeightsVersion").isPresent()
                ? Values.longValue(client.query(SUBTENSOR, "CommitRevealWeightsVersion", List.of(), null)) : 4;
        if (client.hasCall(SUBTENSOR, "commit_timelocked_mechanism_weights")) {
            return client.encodeCall(SUBTENSOR, "commit_timelocked_mechanism_weights", OnlineClient.args("netuid", netuid,
                    "mecid", 0, "commit", commit.ciphertext(), "reveal_round", commit.revealRound(),
                    "commit_reveal_version", version));
        }
        if (client.hasCall(SUBTENSOR, "commit_timelocked_weights")) {
            return client.encodeCall(SUBTENSOR, "commit_timelocked_weights", OnlineClient.args("netuid", netuid,
                    "commit", commit.ciphertext(), "reveal_round", commit.revealRound(), "commit_reveal_version", version));
        }
        if (client.hasCall(SUBTENSOR, "commit_crv3_weights")) {
            return client.encodeCall(SUBTENSOR, "commit_crv3_weights", OnlineClient.args("netuid", netuid,
                    "commit", commit.ciphertext(), "reveal_round", commit.revealRound()));
        }
        throw new ChainException("subnet " + netuid + " requires commit-reveal but this runtime has no timelocked commit call");
    }

    /** The set_weights call bytes SDK9 would send (set_mechanism_weights with mecid 0 when the runtime has it). */
    public byte[] setWeightsCall(int netuid, WeightConversion.Emit emit, long versionKey) {
        List<Integer> dests = new ArrayList<>();
        List<Integer> vals = new ArrayList<>();
        for (int u : emit.uids()) {
            dests.add(u);
        }
        for (int w : emit.weights()) {
            vals.add(w);
        }
        if (client.hasCall(SUBTENSOR, "set_mechanism_weights")) {
            return client.encodeCall(SUBTENSOR, "set_mechanism_weights", OnlineClient.args("netuid", netuid, "mecid", 0,
                    "dests", dests, "weights", vals, "version_key", versionKey));
        }
        return client.encodeCall(SUBTENSOR, "set_weights", OnlineClient.args("netuid", netuid, "dests", dests,
                "weights", vals, "version_key", versionKey));
    }

    static SetWeightsResult weightsResult(TxOutcome out) {
        if (out instanceof TxOutcome.Included inc) {
            if (inc.isSuccess()) {
                return new SetWeightsResult(true, SetWeightsResult.Status.SUCCESS, "Successfully set weights.", out);
            }
            return new SetWeightsResult(false, SetWeightsResult.Status.FAILED, inc.error().sdkMessage(), out);
        }
        if (out instanceof TxOutcome.Rejected r) {
            return new SetWeightsResult(false, SetWeightsResult.Status.REJECTED, r.message(), out);
        }
        if (out instanceof TxOutcome.NotIncluded) {
            return new SetWeightsResult(false, SetWeightsResult.Status.NOT_INCLUDED, out.message(), out);
        }
        return new SetWeightsResult(true, SetWeightsResult.Status.SUCCESS, "Not waiting for finalization or inclusion.", out);
    }

    /**
     * SDK9 {@code move_stake} ({@code extrinsics/move_stake.py}): reads the origin stake; with {@code alphaAmount == null}
     * ("move_all_stake") moves exactly that amount, otherwise refuses locally when the origin stake is smaller.
     * Call {@code move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid, alpha_amount)}
     * signed by the coldkey.
     */
    public TxOutcome moveStake(Signer coldkey, String originHotkey, int originNetuid, String destinationHotkey,
                               int destinationNetuid, Long alphaAmount, OnlineClient.WaitFor waitFor) {
        String cold = Ss58.encode(coldkey.publicKey());
        long have = stake(cold, originHotkey, originNetuid, null).stake();
        long amount = alphaAmount == null ? have : alphaAmount;
        if (alphaAmount != null && have < alphaAmount) {
            throw new ChainException("Not enough stake: origin has " + have + " rao, asked to move " + alphaAmount);
        }
        if (amount <= 0) {
            throw new ChainException("nothing to move: origin stake of " + originHotkey + " on netuid " + originNetuid + " is 0");
        }
        return send(coldkey, () -> client.encodeCall(SUBTENSOR, "move_stake", OnlineClient.args("origin_hotkey", originHotkey,
                "destination_hotkey", destinationHotkey, "origin_netuid", originNetuid,
                "destination_netuid", destinationNetuid, "alpha_amount", amount)), waitFor);
    }

    /**
     * SDK9 {@code transfer_stake}: refuses locally when the origin stake is smaller than {@code alphaAmount}; call
     * {@code transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid, alpha_amount)} signed by the
     * coldkey.
     */
    public TxOutcome transferStake(Signer coldkey, String destinationColdkey, String hotkey, int originNetuid,
                                   int destinationNetuid, long alphaAmount, OnlineClient.WaitFor waitFor) {
        String cold = Ss58.encode(coldkey.publicKey());
        long have = stake(cold, hotkey, originNetuid, null).stake();
        if (have < alphaAmount) {
            throw new ChainException("Not enough stake: origin has " + have + " rao, asked to transfer " + alphaAmount);
        }
        return send(coldkey, () -> client.encodeCall(SUBTENSOR, "transfer_stake", OnlineClient.args("destination_coldkey",
                destinationColdkey, "hotkey", hotkey, "origin_netuid", originNetuid, "destination_netuid",
                destinationNetuid, "alpha_amount", alphaAmount)), waitFor);
    }

    /** {@code add_stake(hotkey, netuid, amount_staked)} (TAO rao) signed by the coldkey. */
    public TxOutcome addStake(Signer coldkey, String hotkey, int netuid, long taoRao, OnlineClient.WaitFor waitFor) {
        return send(coldkey, () -> client.encodeCall(SUBTENSOR, "add_stake", OnlineClient.args("hotkey", hotkey, "netuid", netuid,
                "amount_staked", taoRao)), waitFor);
    }

    /** {@code burned_register(netuid, hotkey)} signed by the coldkey. */
    public TxOutcome burnedRegister(Signer coldkey, int netuid, String hotkey, OnlineClient.WaitFor waitFor) {
        return send(coldkey, () -> client.encodeCall(SUBTENSOR, "burned_register", OnlineClient.args("netuid", netuid, "hotkey", hotkey)), waitFor);
    }

    /** The set_commitment call SDK9's {@code commit} sends: one {@code Raw<n>} field with the UTF-8 bytes. */
    public byte[] setCommitmentCall(int netuid, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 128) {
            throw new ChainException("commitment of " + bytes.length + " bytes is longer than Raw128 allows (128 bytes)");
        }
        return client.encodeCall("Commitments", "set_commitment", OnlineClient.args("netuid", netuid,
                "info", Map.of("fields", List.of(Map.of("Raw" + bytes.length, bytes)))));
    }

    /**
     * SDK9 {@code commit(wallet, netuid, data)} → {@code publish_metadata}: {@code Commitments.set_commitment} with one
     * {@code Raw<len>} field, signed by the hotkey (which must be registered on the subnet); the SDK waits for
     * finalization by default.
     */
    public TxOutcome setCommitment(Signer hotkey, int netuid, String data, OnlineClient.WaitFor waitFor) {
        return send(hotkey, () -> setCommitmentCall(netuid, data), waitFor);
    }

    /** {@code Balances.transfer_keep_alive(dest, value)} signed by the coldkey. */
    public TxOutcome transferKeepAlive(Signer coldkey, String destSs58, BigInteger rao, OnlineClient.WaitFor waitFor) {
        return send(coldkey, () -> client.encodeCall("Balances", "transfer_keep_alive", OnlineClient.args("dest", destSs58, "value", rao)), waitFor);
    }

    /** The header of a block, for callers that need more than its number. */
    public SubstrateRpc.Header header(String blockHash) {
        return client.rpc().chainGetHeader(blockHash);
    }
}
