package io.tao4j.localnet.node;

import io.tao4j.chain.storage.StorageCodec;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.SharePool;
import io.tao4j.localnet.runtime.Subnet;
import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.StorageEntry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays the runtime's state out as Substrate storage: for every item the local runtime maintains,
 * the keys are built with the metadata's hashers and the values SCALE-encoded with the metadata's
 * types, exactly as real Subtensor stores them — so clients read the local node with the same
 * storage queries they send to finney. Values equal to the item's default are left out, as the
 * real chain leaves them out.
 */
public final class StateStorage {
    /** The storage items this layer writes; the node's metadata keeps exactly these. */
    public static final Map<String, Set<String>> ITEMS = Map.of(
            "Drand", Set.of("Pulses", "LastStoredRound", "OldestStoredRound"),
            "System", Set.of("Account", "Number", "ParentHash", "BlockHash", "Events"),
            "Balances", Set.of("TotalIssuance"),
            "Commitments", Set.of("CommitmentOf", "LastCommitment", "UsedSpaceOf", "MaxSpace"),
            "SubtensorModule", Set.of("NetworksAdded", "TotalNetworks", "SubnetOwner", "SubnetOwnerHotkey", "Tempo",
                    "WeightsVersionKey", "WeightsSetRateLimit", "MaxAllowedValidators", "MaxAllowedUids",
                    "MinAllowedWeights", "CommitRevealWeightsEnabled", "TransferToggle", "Burn", "ImmunityPeriod",
                    "BlocksSinceLastStep", "LastMechansimStepBlock", "SubnetworkN", "Uids", "Keys", "Owner",
                    "OwnedHotkeys", "StakingHotkeys", "Alpha", "TotalHotkeyAlpha", "TotalHotkeyShares", "LastUpdate",
                    "ValidatorPermit", "Incentive", "Dividends", "Emission", "Active", "Weights", "BlockAtRegistration",
                    "StakeThreshold", "SubtokenEnabled", "NetworkRegisteredAt", "TimelockedWeightCommits",
                    "RevealPeriodEpochs", "CommitRevealWeightsVersion", "WeightCommits"));

    /** {@code AccountData.flags} of a current-logic account (the "new logic" bit, 2^127). */
    static final BigInteger NEW_LOGIC_FLAG = BigInteger.ONE.shiftLeft(127);

    private final Metadata metadata;
    private final StorageCodec codec;
    private final Map<Long, Map.Entry<ByteKey, byte[]>> pulseCache = new java.util.HashMap<>();

    public StateStorage(Metadata metadata) {
        this.metadata = metadata;
        this.codec = new StorageCodec(metadata);
        ITEMS.forEach((pallet, items) -> items.forEach(item -> codec.entry(pallet, item)));
    }

    /** True if the node maintains {@code pallet.item}. */
    public static boolean maintains(String pallet, String item) {
        return ITEMS.getOrDefault(pallet, Set.of()).contains(item);
    }

    /**
     * The whole storage at the end of a block: every maintained item of {@code rt}, plus the block
     * bookkeeping given ({@code System.Number}, {@code ParentHash}, {@code BlockHash} of recent
     * blocks, {@code Events} already SCALE-encoded).
     */
    public NavigableMap<ByteKey, byte[]> build(SubtensorRuntime rt, long number, byte[] parentHash,
                                               Map<Long, byte[]> recentBlockHashes, byte[] encodedEvents) {
        NavigableMap<ByteKey, byte[]> kv = new TreeMap<>();
        Writer w = new Writer(kv);
        w.plainRaw("System", "Number", u32(number));
        w.plainRaw("System", "ParentHash", parentHash);
        recentBlockHashes.forEach((n, h) -> w.putRaw("System", "BlockHash", List.of(n), h));
        w.plainRaw("System", "Events", encodedEvents);
        w.plain("Balances", "TotalIssuance", rt.totalIssuance());
        for (AccountId a : rt.accounts()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("free", rt.freeBalance(a));
            data.put("reserved", 0);
            data.put("frozen", 0);
            data.put("flags", NEW_LOGIC_FLAG);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("nonce", rt.nonce(a));
            info.put("consumers", 0);
            info.put("providers", 1);
            info.put("sufficients", 0);
            info.put("data", data);
            w.put("System", "Account", List.of(a.bytes()), info);
        }

        w.plain("SubtensorModule", "TotalNetworks", rt.subnets().size());
        w.plain("SubtensorModule", "StakeThreshold", rt.stakeThreshold());
        for (Subnet s : rt.subnets()) {
            int n = s.netuid();
            Subnet.Params p = s.params();
            w.map1("NetworksAdded", n, true);
            w.map1("SubtokenEnabled", n, true);
            w.map1("NetworkRegisteredAt", n, 0L);
            w.map1("SubnetOwner", n, p.ownerColdkey().bytes());
            w.map1("SubnetOwnerHotkey", n, p.ownerHotkey().bytes());
            w.map1("Tempo", n, p.tempo());
            w.map1("WeightsVersionKey", n, p.weightsVersionKey());
            w.map1("WeightsSetRateLimit", n, p.weightsRateLimit());
            w.map1("MaxAllowedValidators", n, p.maxAllowedValidators());
            w.map1("MaxAllowedUids", n, p.maxAllowedUids());
            w.map1("MinAllowedWeights", n, p.minAllowedWeights());
            w.map1("CommitRevealWeightsEnabled", n, p.commitRevealEnabled());
            w.map1("TransferToggle", n, p.transferEnabled());
            w.map1("Burn", n, p.burn());
            w.map1("ImmunityPeriod", n, (int) Math.min(65535, p.immunityPeriod()));
            w.map1("BlocksSinceLastStep", n, s.blocksSinceLastStep());
            w.map1("LastMechansimStepBlock", n, s.lastMechanismStepBlock());
            w.map1("SubnetworkN", n, s.size());
            List<AccountId> keys = s.keys();
            for (int uid = 0; uid < keys.size(); uid++) {
                w.put("SubtensorModule", "Uids", List.of(n, keys.get(uid).bytes()), uid);
                w.put("SubtensorModule", "Keys", List.of(n, uid), keys.get(uid).bytes());
                w.put("SubtensorModule", "BlockAtRegistration", List.of(n, uid), s.registeredAt().get(uid));
                List<Object> row = new ArrayList<>();
                for (int[] e : s.weights(uid)) {
                    row.add(List.of(e[0], e[1]));
                }
                w.put("SubtensorModule", "Weights", List.of(n, uid), row);
            }
            w.map1("LastUpdate", n, s.lastUpdate());
            w.map1("ValidatorPermit", n, s.validatorPermit());
            w.map1("Incentive", n, s.incentive());
            w.map1("Dividends", n, s.dividends());
            w.map1("Emission", n, s.emission());
            List<Boolean> active = new ArrayList<>();
            keys.forEach(k -> active.add(true));
            w.map1("Active", n, active);

            rt.commitments(n).forEach((who, c) -> {
                List<Object> fields = new ArrayList<>();
                for (SubtensorRuntime.CommitmentField f : c.fields()) {
                    fields.add(dataValue(f));
                }
                Map<String, Object> reg = new LinkedHashMap<>();
                reg.put("deposit", c.deposit());
                reg.put("block", c.block());
                reg.put("info", Map.of("fields", fields));
                w.put("Commitments", "CommitmentOf", List.of(n, who.bytes()), reg);
                w.put("Commitments", "LastCommitment", List.of(n, who.bytes()), c.block());
                rt.usedSpace(n, who).ifPresent(u -> w.put("Commitments", "UsedSpaceOf", List.of(n, who.bytes()),
                        Map.of("last_epoch", u[0], "used_space", u[1])));
            });
        }
        w.plain("Commitments", "MaxSpace", SubtensorRuntime.COMMITMENT_MAX_SPACE);

        rt.owners().forEach((hot, cold) -> w.put("SubtensorModule", "Owner", List.of(hot.bytes()), cold.bytes()));
        rt.allOwnedHotkeys().forEach((cold, hots) -> w.put("SubtensorModule", "OwnedHotkeys", List.of(cold.bytes()),
                hots.stream().map(AccountId::bytes).toList()));
        Map<AccountId, List<byte[]>> stakingHotkeys = new TreeMap<>();
        for (Map.Entry<Map.Entry<AccountId, Integer>, SharePool> e : rt.pools().entrySet()) {
            AccountId hot = e.getKey().getKey();
            int netuid = e.getKey().getValue();
            SharePool pool = e.getValue();
            if (pool.isEmpty()) {
                continue;
            }
            w.put("SubtensorModule", "TotalHotkeyAlpha", List.of(hot.bytes(), netuid), pool.totalAlpha());
            w.put("SubtensorModule", "TotalHotkeyShares", List.of(hot.bytes(), netuid), Map.of("bits", pool.totalSharesBits()));
            pool.allShares().forEach((cold, bits) -> {
                w.put("SubtensorModule", "Alpha", List.of(hot.bytes(), cold.bytes(), netuid), Map.of("bits", bits));
                List<byte[]> list = stakingHotkeys.computeIfAbsent(cold, k -> new ArrayList<>());
                if (list.stream().noneMatch(b -> Arrays.equals(b, hot.bytes()))) {
                    list.add(hot.bytes());
                }
            });
        }
        stakingHotkeys.forEach((cold, hots) -> w.put("SubtensorModule", "StakingHotkeys", List.of(cold.bytes()), hots));

        w.plain("SubtensorModule", "CommitRevealWeightsVersion", SubtensorRuntime.COMMIT_REVEAL_WEIGHTS_VERSION);
        for (Subnet s : rt.subnets()) {
            w.map1("RevealPeriodEpochs", s.netuid(), SubtensorRuntime.REVEAL_PERIOD_EPOCHS);
        }
        rt.timelockedCommits().forEach((index, byEpoch) -> byEpoch.forEach((epoch, commits) -> {
            List<Object> value = new ArrayList<>();
            for (SubtensorRuntime.TimelockedCommit c : commits) {
                value.add(List.of(c.who().bytes(), c.commitBlock(), c.commit(), c.revealRound()));
            }
            w.put("SubtensorModule", "TimelockedWeightCommits", List.of(index, epoch), value);
        }));
        rt.weightCommits().forEach((k, rows) -> w.put("SubtensorModule", "WeightCommits",
                List.of(k.getKey(), k.getValue().bytes()), rows));
        // pulses never change once written: encode each once and share its key and value between blocks
        Map<Long, DrandPulse> pulses = rt.pulses();
        pulseCache.keySet().retainAll(pulses.keySet());
        pulses.forEach((round, p) -> {
            Map.Entry<ByteKey, byte[]> e = pulseCache.computeIfAbsent(round, r -> {
                Map<String, Object> pulse = new LinkedHashMap<>();
                pulse.put("round", r);
                pulse.put("randomness", p.randomness());
                pulse.put("signature", p.signature());
                StorageEntry entry = codec.entry("Drand", "Pulses");
                return Map.entry(new ByteKey(codec.key("Drand", "Pulses", List.of(r))),
                        DynamicCodec.encode(metadata.types(), entry.valueType(), pulse, "Drand.Pulses"));
            });
            kv.put(e.getKey(), e.getValue());
        });
        w.plain("Drand", "LastStoredRound", rt.lastStoredRound());
        w.plain("Drand", "OldestStoredRound", rt.oldestStoredRound());
        return kv;
    }

    /** A commitment field as the {@code Data} enum value: {@code {"Raw<n>": bytes}} etc. */
    private static Object dataValue(SubtensorRuntime.CommitmentField f) {
        int tag = f.tag();
        if (tag == 0) {
            return "None";
        }
        if (tag >= 1 && tag <= 129) {
            return Map.of("Raw" + (tag - 1), f.payload());
        }
        return switch (tag) {
            case 130 -> Map.of("BlakeTwo256", f.payload());
            case 131 -> Map.of("Sha256", f.payload());
            case 132 -> Map.of("Keccak256", f.payload());
            case 133 -> Map.of("ShaThree256", f.payload());
            case 135 -> "ResetBondsFlag";
            case 136 -> Map.of("BigRaw", f.payload());
            default -> throw new IllegalArgumentException("commitment field tag " + tag + " is not stored by the local node");
        };
    }

    private static byte[] u32(long v) {
        return new byte[]{(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private final class Writer {
        final NavigableMap<ByteKey, byte[]> kv;

        Writer(NavigableMap<ByteKey, byte[]> kv) {
            this.kv = kv;
        }

        void plain(String pallet, String item, Object value) {
            put(pallet, item, List.of(), value);
        }

        void plainRaw(String pallet, String item, byte[] value) {
            putRaw(pallet, item, List.of(), value);
        }

        void map1(String item, int netuid, Object value) {
            put("SubtensorModule", item, List.of(netuid), value);
        }

        void put(String pallet, String item, List<?> keys, Object value) {
            StorageEntry e = codec.entry(pallet, item);
            byte[] encoded = DynamicCodec.encode(metadata.types(), e.valueType(), value, pallet + "." + item);
            if (e.modifier() == StorageEntry.Modifier.DEFAULT && Arrays.equals(encoded, e.defaultValue())) {
                return; // the chain does not store default values
            }
            kv.put(new ByteKey(codec.key(pallet, item, keys)), encoded);
        }

        void putRaw(String pallet, String item, List<?> keys, byte[] value) {
            kv.put(new ByteKey(codec.key(pallet, item, keys)), value.clone());
        }
    }
}
