package io.tao4j.localnet.runtime;

import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G2Point;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockException;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local network's runtime: Subtensor semantics on typed Java state, with no encoding concerns
 * (the node maps this state to storage items and SCALE with the metadata it serves).
 *
 * <p>What it implements, after real Subtensor (opentensor/subtensor; check order of
 * {@code set_weights} from {@code subnets/weights.rs}, stake rules from {@code staking/*}): balances
 * and transfers; subnets with owner, tempo, weights version key, rate limit, max validators,
 * commit-reveal flag and transfer toggle; {@code burned_register} (with pruning of the
 * lowest-incentive non-immune UID when full); share-pool stake per (hotkey, coldkey, netuid) with
 * add/remove/move/transfer; {@code set_weights} with the real errors; validator permits by top
 * stake; an epoch at each subnet's epoch block; commitments with per-epoch space accounting; the Drand
 * pallet's pulses; timelocked commit-reveal weights ({@code commit_timelocked_weights}, revealed at block
 * initialisation from the stored pulses, after {@code reveal_commits.rs}).
 *
 * <p>Simplified, on purpose and documented: TAO↔alpha conversion is 1:1 (no AMM pool, so no
 * slippage or liquidity errors); the epoch is a stake-weighted Yuma without bonds, clipping or
 * consensus: rank_j = Σ_i S_i·W_ij over permitted validators i, incentive = rank normalised,
 * dividends_i ∝ S_i·Σ_j W_ij·incentive_j; each epoch distributes the subnet's pending alpha
 * emission 18 % to the owner hotkey, 41 % to miners by incentive (as stake of the miner hotkey's
 * owning coldkey) and 41 % to validators by dividends (into the validator hotkey's pool, so its
 * nominators share it). With no weights at all the miner share goes to validators by stake.
 * Registration burns a fixed cost. Every call is transactional: a failed call leaves no trace.
 */
public final class SubtensorRuntime {
    private static final Logger log = LoggerFactory.getLogger(SubtensorRuntime.class);
    /** Smallest stake movement Subtensor accepts (DefaultMinStake on localnet, in rao). */
    public static final long MIN_STAKE = 500_000L;
    /** Commitments.MaxSpace: bytes per (netuid, account) per epoch. */
    public static final long COMMITMENT_MAX_SPACE = 3100;
    /** Commitments MaxFields. */
    public static final int COMMITMENT_MAX_FIELDS = 3;
    public static final long EXISTENTIAL_DEPOSIT = 500;

    /** One field of a commitment: the {@code Data} enum tag and its payload bytes. */
    public record CommitmentField(int tag, byte[] payload) {
        /** A {@code Raw<n>} field (tag n+1) holding {@code bytes} (at most 128). */
        public static CommitmentField raw(byte[] bytes) {
            if (bytes.length > 128) {
                throw new IllegalArgumentException("a Raw commitment field holds at most 128 bytes");
            }
            return new CommitmentField(bytes.length + 1, bytes.clone());
        }

        /** Bytes the field costs in the per-epoch space accounting. */
        long size() {
            return payload.length;
        }
    }

    /**
     * Pulses kept in state; older rounds are pruned. The Drand pallet keeps {@code MAX_KEPT_PULSES} = 216 000 (a
     * week of quicknet); the local node keeps 2 400 (two hours at 3 s), because it holds the full state of its
     * last 256 blocks in memory — enough for reveals, which need the pulse of a round only a few blocks old.
     */
    public static final long MAX_KEPT_PULSES = 2_400;
    /** {@code MAX_CRV3_COMMIT_SIZE_BYTES}: the bound of a timelocked commit. */
    public static final int MAX_TIMELOCKED_COMMIT_BYTES = 5000;
    /** {@code CommitRevealWeightsVersion} (storage default 4). */
    public static final int COMMIT_REVEAL_WEIGHTS_VERSION = 4;
    /** {@code RevealPeriodEpochs} (storage default 1). */
    public static final long REVEAL_PERIOD_EPOCHS = 1;
    /** Unrevealed commits one hotkey may have in one epoch. */
    public static final int MAX_UNREVEALED_COMMITS = 10;

    /** A drand pulse as the Drand pallet stores it ({@code Drand.Pulses} value). */
    public record Pulse(long round, byte[] randomness, byte[] signature) {
        public Pulse {
            randomness = randomness.clone();
            signature = signature.clone();
        }

        /** The pulse of {@code round} from its 48-byte signature; randomness = sha256(signature), as drand defines it. */
        public static Pulse of(long round, byte[] signature) {
            return new Pulse(round, sha256(signature), signature);
        }

        @Override
        public byte[] randomness() {
            return randomness.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /** One entry of {@code TimelockedWeightCommits}: (who, commit block, ciphertext, reveal round). */
    public record TimelockedCommit(AccountId who, long commitBlock, byte[] commit, long revealRound) {
        public TimelockedCommit {
            commit = commit.clone();
        }

        @Override
        public byte[] commit() {
            return commit.clone();
        }
    }

    /** A stored commitment ({@code Commitments.CommitmentOf} value). */
    public record Commitment(long deposit, long block, List<CommitmentField> fields) {
    }

    private static final class State {
        final Map<AccountId, Long> free = new TreeMap<>();
        final Map<AccountId, Long> nonce = new TreeMap<>();
        final Map<Integer, Subnet> subnets = new TreeMap<>();
        final Map<AccountId, AccountId> owner = new TreeMap<>();
        final Map<AccountId, List<AccountId>> ownedHotkeys = new TreeMap<>();
        final Map<String, SharePool> pools = new TreeMap<>();
        final Map<String, Commitment> commitments = new TreeMap<>();
        final Map<String, long[]> usedSpace = new TreeMap<>();
        long totalIssuance;
        long stakeThreshold;
        final TreeMap<Long, Pulse> pulses = new TreeMap<>();
        long lastStoredRound;
        long oldestStoredRound;
        /** netuid index → epoch → commits. */
        final TreeMap<Integer, TreeMap<Long, List<TimelockedCommit>>> timelocked = new TreeMap<>();

        State copy() {
            State s = new State();
            s.pulses.putAll(pulses);
            s.lastStoredRound = lastStoredRound;
            s.oldestStoredRound = oldestStoredRound;
            timelocked.forEach((k, v) -> {
                TreeMap<Long, List<TimelockedCommit>> m = new TreeMap<>();
                v.forEach((e, l) -> m.put(e, new ArrayList<>(l)));
                s.timelocked.put(k, m);
            });
            s.free.putAll(free);
            s.nonce.putAll(nonce);
            subnets.forEach((k, v) -> s.subnets.put(k, v.copy()));
            s.owner.putAll(owner);
            ownedHotkeys.forEach((k, v) -> s.ownedHotkeys.put(k, new ArrayList<>(v)));
            pools.forEach((k, v) -> s.pools.put(k, copyPool(v)));
            s.commitments.putAll(commitments);
            usedSpace.forEach((k, v) -> s.usedSpace.put(k, v.clone()));
            s.totalIssuance = totalIssuance;
            s.stakeThreshold = stakeThreshold;
            return s;
        }

        private static SharePool copyPool(SharePool p) {
            SharePool c = new SharePool();
            // rebuild exactly: same shares and total alpha
            c.restore(p);
            return c;
        }
    }

    private State state = new State();
    private long block;
    private G2Point beaconKey;
    private long maxKeptPulses = MAX_KEPT_PULSES;
    private final List<RuntimeEvent> events = new ArrayList<>();

    // ---------------------------------------------------------------------------------- genesis

    /** Credits {@code amount} rao to {@code who} (genesis endowment). */
    public void endow(AccountId who, long amount) {
        state.free.merge(who, amount, Math::addExact);
        state.totalIssuance = Math.addExact(state.totalIssuance, amount);
    }

    /** Minimum stake a hotkey needs to set weights ({@code StakeThreshold}). */
    public void setStakeThreshold(long rao) {
        state.stakeThreshold = rao;
    }

    /** Creates a subnet and registers its owner hotkey as UID 0, as subnet registration does. */
    public Subnet createSubnet(Subnet.Params params) {
        if (state.subnets.containsKey(params.netuid())) {
            throw new IllegalArgumentException("subnet " + params.netuid() + " exists already");
        }
        Subnet s = new Subnet(params);
        state.subnets.put(params.netuid(), s);
        associate(params.ownerHotkey(), params.ownerColdkey());
        appendNeuron(s, params.ownerHotkey());
        return s;
    }

    /** Registers {@code hotkey} for free (genesis only). */
    public int registerAtGenesis(int netuid, AccountId coldkey, AccountId hotkey) {
        Subnet s = subnet(netuid);
        checkHotkeyOwnership(hotkey, coldkey);
        associate(hotkey, coldkey);
        return appendNeuron(s, hotkey);
    }

    /** Stakes alpha directly (genesis only; no balance is taken). */
    public void stakeAtGenesis(AccountId coldkey, AccountId hotkey, int netuid, long alpha) {
        subnet(netuid);
        pool(hotkey, netuid).add(coldkey, alpha);
    }

    /** Recomputes validator permits from current stake (after genesis staking). */
    public void refreshPermits() {
        state.subnets.values().forEach(this::assignPermits);
    }

    // ---------------------------------------------------------------------------------- blocks

    public long block() {
        return block;
    }

    /**
     * Starts block {@code number}: advances every subnet's step counter, accrues emission and runs
     * the epoch of each subnet whose epoch block this is. Returns the events of initialisation.
     */
    public List<RuntimeEvent> initializeBlock(long number) {
        if (number != block + 1) {
            throw new IllegalStateException("blocks must be consecutive: at " + block + ", asked for " + number);
        }
        block = number;
        events.clear();
        for (Subnet s : state.subnets.values()) {
            revealTimelockedCommits(s);
        }
        for (Subnet s : state.subnets.values()) {
            s.blocksSinceLastStep++;
            s.pendingEmission = Math.addExact(s.pendingEmission, s.params.emissionPerBlock());
            if (s.isEpochBlock(number)) {
                runEpoch(s);
                s.blocksSinceLastStep = 0;
                s.lastMechanismStepBlock = number;
            }
        }
        return drainEvents();
    }

    /**
     * Runs one call as {@code signer} transactionally: on {@link DispatchException} every change it
     * made is undone and the exception propagates. Returns the events it deposited.
     */
    public List<RuntimeEvent> dispatch(Runnable call) {
        State before = state.copy();
        events.clear();
        try {
            call.run();
            return drainEvents();
        } catch (DispatchException | ArithmeticException e) {
            state = before;
            events.clear();
            if (e instanceof ArithmeticException) {
                throw new DispatchException("SubtensorModule", "Overflow");
            }
            throw e;
        }
    }

    private List<RuntimeEvent> drainEvents() {
        List<RuntimeEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    // ---------------------------------------------------------------------------------- accounts

    public long freeBalance(AccountId who) {
        return state.free.getOrDefault(who, 0L);
    }

    public long totalIssuance() {
        return state.totalIssuance;
    }

    public long nonce(AccountId who) {
        return state.nonce.getOrDefault(who, 0L);
    }

    /** Accounts with a balance or nonce ({@code System.Account} entries). */
    public List<AccountId> accounts() {
        java.util.TreeSet<AccountId> all = new java.util.TreeSet<>(state.free.keySet());
        all.addAll(state.nonce.keySet());
        return List.copyOf(all);
    }

    /** Bumps the account nonce (done by the node for every included signed extrinsic). */
    public void incrementNonce(AccountId who) {
        state.nonce.merge(who, 1L, Long::sum);
    }

    /** Takes a transaction fee; throws Balances.InsufficientBalance when it cannot be paid. */
    public void withdrawFee(AccountId who, long fee) {
        long have = freeBalance(who);
        if (have < fee) {
            throw new DispatchException("Balances", "InsufficientBalance");
        }
        state.free.put(who, have - fee);
        state.totalIssuance -= fee;
    }

    /** {@code Balances.transfer_keep_alive}. */
    public void transferKeepAlive(AccountId from, AccountId to, long amount) {
        long have = freeBalance(from);
        if (amount > have) {
            throw new DispatchException("Balances", "InsufficientBalance");
        }
        if (have - amount < EXISTENTIAL_DEPOSIT) {
            throw new DispatchException("Balances", "Expendability");
        }
        if (freeBalance(to) + amount < EXISTENTIAL_DEPOSIT) {
            throw new DispatchException("Balances", "ExistentialDeposit");
        }
        state.free.put(from, have - amount);
        state.free.merge(to, amount, Math::addExact);
        events.add(RuntimeEvent.of("Balances", "Transfer", from, to, amount));
    }

    // ---------------------------------------------------------------------------------- subnets

    public Optional<Subnet> subnetIfExists(int netuid) {
        return Optional.ofNullable(state.subnets.get(netuid));
    }

    public List<Subnet> subnets() {
        return List.copyOf(state.subnets.values());
    }

    public Subnet subnet(int netuid) {
        Subnet s = state.subnets.get(netuid);
        if (s == null) {
            throw DispatchException.subtensor("SubnetNotExists");
        }
        return s;
    }

    public long stakeThreshold() {
        return state.stakeThreshold;
    }

    public Optional<AccountId> owner(AccountId hotkey) {
        return Optional.ofNullable(state.owner.get(hotkey));
    }

    public Map<AccountId, AccountId> owners() {
        return Collections.unmodifiableMap(state.owner);
    }

    public List<AccountId> ownedHotkeys(AccountId coldkey) {
        return List.copyOf(state.ownedHotkeys.getOrDefault(coldkey, List.of()));
    }

    public Map<AccountId, List<AccountId>> allOwnedHotkeys() {
        return Collections.unmodifiableMap(state.ownedHotkeys);
    }

    /** {@code SubtensorModule.burned_register}, signed by {@code coldkey}. */
    public void burnedRegister(AccountId coldkey, int netuid, AccountId hotkey) {
        Subnet s = subnet(netuid);
        if (s.uidOf(hotkey) >= 0) {
            throw DispatchException.subtensor("HotKeyAlreadyRegisteredInSubNet");
        }
        checkHotkeyOwnership(hotkey, coldkey);
        long cost = s.params.burn();
        if (freeBalance(coldkey) < cost) {
            throw DispatchException.subtensor("NotEnoughBalanceToStake");
        }
        state.free.put(coldkey, freeBalance(coldkey) - cost);
        state.totalIssuance -= cost;
        associate(hotkey, coldkey);
        int uid;
        if (s.size() < s.params.maxAllowedUids()) {
            uid = appendNeuron(s, hotkey);
        } else {
            uid = pruneCandidate(s);
            replaceNeuron(s, uid, hotkey);
        }
        events.add(RuntimeEvent.of("SubtensorModule", "NeuronRegistered", netuid, uid, hotkey));
    }

    private void checkHotkeyOwnership(AccountId hotkey, AccountId coldkey) {
        AccountId existing = state.owner.get(hotkey);
        if (existing != null && !existing.equals(coldkey)) {
            throw DispatchException.subtensor("NonAssociatedColdKey");
        }
    }

    private void associate(AccountId hotkey, AccountId coldkey) {
        if (state.owner.putIfAbsent(hotkey, coldkey) == null) {
            state.ownedHotkeys.computeIfAbsent(coldkey, k -> new ArrayList<>()).add(hotkey);
        }
    }

    private int appendNeuron(Subnet s, AccountId hotkey) {
        s.keys.add(hotkey);
        s.registeredAt.add(block);
        s.lastUpdate.add(0L);
        s.validatorPermit.add(false);
        s.incentive.add(0);
        s.dividends.add(0);
        s.emission.add(0L);
        return s.keys.size() - 1;
    }

    /** The UID a full subnet gives up: lowest emission among those past immunity (owner UID kept). */
    private int pruneCandidate(Subnet s) {
        int best = -1;
        for (int uid = 0; uid < s.size(); uid++) {
            if (s.keys.get(uid).equals(s.params.ownerHotkey())) {
                continue;
            }
            if (block - s.registeredAt.get(uid) < s.params.immunityPeriod()) {
                continue;
            }
            if (best < 0 || s.emission.get(uid) < s.emission.get(best)) {
                best = uid;
            }
        }
        if (best < 0) {
            throw DispatchException.subtensor("NoNeuronIdAvailable");
        }
        return best;
    }

    private void replaceNeuron(Subnet s, int uid, AccountId hotkey) {
        s.keys.set(uid, hotkey);
        s.registeredAt.set(uid, block);
        s.lastUpdate.set(uid, 0L);
        s.validatorPermit.set(uid, false);
        s.incentive.set(uid, 0);
        s.dividends.set(uid, 0);
        s.emission.set(uid, 0L);
        s.weights.remove(uid);
    }

    // ---------------------------------------------------------------------------------- stake

    private static String poolKey(AccountId hotkey, int netuid) {
        return io.tao4j.crypto.Hex.encode(hotkey.bytes()) + "/" + netuid;
    }

    private SharePool pool(AccountId hotkey, int netuid) {
        return state.pools.computeIfAbsent(poolKey(hotkey, netuid), k -> new SharePool());
    }

    /** The pool of (hotkey, netuid), if anyone ever staked there. */
    public Optional<SharePool> poolIfExists(AccountId hotkey, int netuid) {
        return Optional.ofNullable(state.pools.get(poolKey(hotkey, netuid)));
    }

    /** All pools keyed by (hotkey, netuid). */
    public Map<Map.Entry<AccountId, Integer>, SharePool> pools() {
        Map<Map.Entry<AccountId, Integer>, SharePool> out = new LinkedHashMap<>();
        state.pools.forEach((k, v) -> {
            int slash = k.indexOf('/');
            out.put(Map.entry(new AccountId(io.tao4j.crypto.Hex.decode(k.substring(0, slash))), Integer.parseInt(k.substring(slash + 1))), v);
        });
        return out;
    }

    /** Stake of (coldkey, hotkey, netuid) in alpha rao, as the chain computes it from shares. */
    public long stake(AccountId coldkey, AccountId hotkey, int netuid) {
        return poolIfExists(hotkey, netuid).map(p -> p.value(coldkey)).orElse(0L);
    }

    /** Total alpha staked on {@code hotkey} in {@code netuid} ({@code TotalHotkeyAlpha}). */
    public long totalHotkeyAlpha(AccountId hotkey, int netuid) {
        return poolIfExists(hotkey, netuid).map(SharePool::totalAlpha).orElse(0L);
    }

    /** {@code add_stake(hotkey, netuid, amount_staked)} signed by {@code coldkey}; TAO→alpha 1:1. */
    public void addStake(AccountId coldkey, AccountId hotkey, int netuid, long tao) {
        subnet(netuid);
        if (!state.owner.containsKey(hotkey)) {
            throw DispatchException.subtensor("HotKeyAccountNotExists");
        }
        if (tao < MIN_STAKE) {
            throw DispatchException.subtensor("AmountTooLow");
        }
        if (freeBalance(coldkey) < tao) {
            throw DispatchException.subtensor("NotEnoughBalanceToStake");
        }
        state.free.put(coldkey, freeBalance(coldkey) - tao);
        pool(hotkey, netuid).add(coldkey, tao);
        events.add(RuntimeEvent.of("SubtensorModule", "StakeAdded", coldkey, hotkey, tao, tao, netuid, 0L));
    }

    /** {@code remove_stake(hotkey, netuid, amount_unstaked)} signed by {@code coldkey}; alpha→TAO 1:1. */
    public void removeStake(AccountId coldkey, AccountId hotkey, int netuid, long alpha) {
        subnet(netuid);
        if (!state.owner.containsKey(hotkey)) {
            throw DispatchException.subtensor("HotKeyAccountNotExists");
        }
        if (alpha == 0) {
            throw DispatchException.subtensor("AmountTooLow");
        }
        pool(hotkey, netuid).remove(coldkey, alpha);
        state.free.merge(coldkey, alpha, Math::addExact);
        events.add(RuntimeEvent.of("SubtensorModule", "StakeRemoved", coldkey, hotkey, alpha, alpha, netuid, 0L));
    }

    /**
     * {@code move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid,
     * alpha_amount)} signed by {@code coldkey}: the coldkey's stake moves between hotkeys/subnets.
     */
    public void moveStake(AccountId coldkey, AccountId originHotkey, AccountId destinationHotkey,
                          int originNetuid, int destinationNetuid, long alpha) {
        validateTransition(coldkey, originHotkey, coldkey, destinationHotkey, originNetuid, destinationNetuid, alpha);
        pool(originHotkey, originNetuid).remove(coldkey, alpha);
        pool(destinationHotkey, destinationNetuid).add(coldkey, alpha);
        events.add(RuntimeEvent.of("SubtensorModule", "StakeMoved", coldkey, originHotkey, originNetuid,
                destinationHotkey, destinationNetuid, alpha));
    }

    /**
     * {@code transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid,
     * alpha_amount)} signed by {@code coldkey}: stake on {@code hotkey} changes owner.
     */
    public void transferStake(AccountId coldkey, AccountId destinationColdkey, AccountId hotkey,
                              int originNetuid, int destinationNetuid, long alpha) {
        validateTransition(coldkey, hotkey, destinationColdkey, hotkey, originNetuid, destinationNetuid, alpha);
        if (!subnet(originNetuid).params.transferEnabled()) {
            throw DispatchException.subtensor("TransferDisallowed");
        }
        pool(hotkey, originNetuid).remove(coldkey, alpha);
        pool(hotkey, destinationNetuid).add(destinationColdkey, alpha);
        events.add(RuntimeEvent.of("SubtensorModule", "StakeTransferred", coldkey, destinationColdkey, hotkey,
                originNetuid, destinationNetuid, alpha));
    }

    /** Subtensor's {@code validate_stake_transition} checks, in its order. */
    private void validateTransition(AccountId originCold, AccountId originHot, AccountId destCold, AccountId destHot,
                                    int originNetuid, int destNetuid, long alpha) {
        if (originCold.equals(destCold) && originHot.equals(destHot) && originNetuid == destNetuid) {
            throw DispatchException.subtensor("SameNetuid");
        }
        subnet(originNetuid);
        subnet(destNetuid);
        if (!state.owner.containsKey(originHot) || !state.owner.containsKey(destHot)) {
            throw DispatchException.subtensor("HotKeyAccountNotExists");
        }
        if (alpha == 0 || alpha > stake(originCold, originHot, originNetuid)) {
            throw DispatchException.subtensor("NotEnoughStakeToWithdraw");
        }
        if (originNetuid != destNetuid && alpha < MIN_STAKE) {
            throw DispatchException.subtensor("AmountTooLow");
        }
    }

    // ---------------------------------------------------------------------------------- weights

    /**
     * {@code set_weights(netuid, dests, weights, version_key)} signed by {@code hotkey}, with the
     * checks of Subtensor's {@code internal_set_weights} in their order.
     */
    public void setWeights(AccountId hotkey, int netuid, List<Integer> dests, List<Integer> values, long versionKey) {
        Subnet s = subnet(netuid);
        if (s.params.commitRevealEnabled()) {
            throw DispatchException.subtensor("CommitRevealEnabled");
        }
        internalSetWeights(hotkey, netuid, dests, values, versionKey);
    }

    /**
     * Subtensor's {@code internal_set_weights}: the dispatchable's checks without the commit-reveal gate; with
     * commit-reveal on, the rate limit is skipped and LastUpdate left alone (the commit set it), as on chain.
     */
    private void internalSetWeights(AccountId hotkey, int netuid, List<Integer> dests, List<Integer> values, long versionKey) {
        Subnet s = subnet(netuid);
        boolean cr = s.params.commitRevealEnabled();
        if (dests.size() != values.size()) {
            throw DispatchException.subtensor("WeightVecNotEqualSize");
        }
        if (dests.size() > s.size()) {
            throw DispatchException.subtensor("UidsLengthExceedUidsInSubNet");
        }
        int uid = s.uidOf(hotkey);
        if (uid < 0) {
            throw DispatchException.subtensor("HotKeyNotRegisteredInSubNet");
        }
        if (totalHotkeyAlpha(hotkey, netuid) < state.stakeThreshold) {
            throw DispatchException.subtensor("NotEnoughStakeToSetWeights");
        }
        long chainKey = s.params.weightsVersionKey();
        if (chainKey != 0 && versionKey < chainKey) {
            throw DispatchException.subtensor("IncorrectWeightVersionKey");
        }
        if (!cr && !weightsRateLimitPassed(s, uid)) {
            throw DispatchException.subtensor("SettingWeightsTooFast");
        }
        boolean selfWeight = dests.size() == 1 && dests.get(0) == uid;
        boolean ownerUid = hotkey.equals(s.params.ownerHotkey());
        if (!selfWeight && !ownerUid && !s.validatorPermit.get(uid)) {
            throw DispatchException.subtensor("NeuronNoValidatorPermit");
        }
        if (dests.stream().distinct().count() != dests.size()) {
            throw DispatchException.subtensor("DuplicateUids");
        }
        for (int d : dests) {
            if (d < 0 || d >= s.size()) {
                throw DispatchException.subtensor("UidVecContainInvalidOne");
            }
        }
        if (!selfWeight && dests.size() < Math.min(s.size(), s.params.minAllowedWeights())) {
            throw DispatchException.subtensor("WeightVecLengthIsLow");
        }
        for (int v : values) {
            if (v < 0 || v > 65535) {
                throw DispatchException.subtensor("InvalidValue");
            }
        }
        // max-upscale so that the largest value becomes 65535 (vec_u16_max_upscale_to_u16)
        int max = values.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<int[]> row = new ArrayList<>();
        for (int i = 0; i < dests.size(); i++) {
            int v = max == 0 ? 0 : (int) Math.round((double) values.get(i) * 65535.0 / max);
            row.add(new int[]{dests.get(i), v});
        }
        s.weights.put(uid, row);
        if (!cr) {
            s.lastUpdate.set(uid, block);
        }
        events.add(RuntimeEvent.of("SubtensorModule", "WeightsSet", netuid, uid));
    }

    /** The chain's rate limit: accepted if never set, or at least WeightsSetRateLimit blocks ago. */
    public boolean weightsRateLimitPassed(Subnet s, int uid) {
        long last = s.lastUpdate.get(uid);
        return last == 0 || block - last >= s.params.weightsRateLimit();
    }

    private void assignPermits(Subnet s) {
        Integer[] uids = new Integer[s.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = i;
        }
        java.util.Arrays.sort(uids, Comparator.<Integer>comparingLong(u -> -totalHotkeyAlpha(s.keys.get(u), s.netuid()))
                .thenComparingInt(u -> u));
        for (int i = 0; i < s.size(); i++) {
            s.validatorPermit.set(i, false);
        }
        for (int i = 0; i < Math.min(s.params.maxAllowedValidators(), uids.length); i++) {
            if (totalHotkeyAlpha(s.keys.get(uids[i]), s.netuid()) > 0) {
                s.validatorPermit.set(uids[i], true);
            }
        }
    }

    // ---------------------------------------------------------------------------------- drand

    /** The drand public key (96-byte compressed G2) pulses are verified against ({@code BeaconConfig}). */
    public void setBeaconPublicKey(byte[] compressedG2) {
        this.beaconKey = G2Point.fromCompressed(compressedG2);
    }

    /** How many pulses to keep (default {@link #MAX_KEPT_PULSES}). */
    public void setMaxKeptPulses(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one pulse must be kept");
        }
        this.maxKeptPulses = n;
    }

    /** True if a beacon key is configured. */
    public boolean hasBeacon() {
        return beaconKey != null;
    }

    /**
     * True if {@code p} is a valid pulse of the configured beacon: a BLS signature over the round
     * (quicknet scheme) that verifies, and randomness = sha256(signature).
     */
    public boolean verifyPulse(Pulse p) {
        if (beaconKey == null || p.round() < 1 || p.signature.length != 48) {
            return false;
        }
        try {
            return Arrays.equals(p.randomness, sha256(p.signature)) && DrandBls.verify(beaconKey, p.round(), p.signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * {@code Drand.write_pulse} (unsigned, from the block producer): every pulse must verify
     * ({@code PulseVerificationError}) and rounds must increase past {@code LastStoredRound}
     * ({@code InvalidRoundNumber}); stores them, advances {@code LastStoredRound}, sets
     * {@code OldestStoredRound} on the first write, prunes beyond {@link #MAX_KEPT_PULSES} rounds and emits
     * {@code NewPulse}.
     */
    public void writePulses(List<Pulse> pulses) {
        boolean first = state.lastStoredRound == 0 && state.oldestStoredRound == 0;
        List<Long> rounds = new ArrayList<>();
        for (Pulse p : pulses) {
            if (!verifyPulse(p)) {
                throw new DispatchException("Drand", "PulseVerificationError");
            }
            if (p.round() <= state.lastStoredRound) {
                throw new DispatchException("Drand", "InvalidRoundNumber");
            }
            state.pulses.put(p.round(), p);
            state.lastStoredRound = p.round();
            rounds.add(p.round());
        }
        if (first && !rounds.isEmpty()) {
            state.oldestStoredRound = rounds.get(0);
        }
        long oldest = state.oldestStoredRound;
        while (state.lastStoredRound - oldest + 1 > maxKeptPulses) {
            state.pulses.remove(oldest);
            oldest++;
        }
        state.oldestStoredRound = oldest;
        if (!rounds.isEmpty()) {
            events.add(RuntimeEvent.of("Drand", "NewPulse", rounds));
        }
    }

    public Optional<Pulse> pulse(long round) {
        return Optional.ofNullable(state.pulses.get(round));
    }

    /** Stored pulses by round. */
    public Map<Long, Pulse> pulses() {
        return Collections.unmodifiableMap(state.pulses);
    }

    public long lastStoredRound() {
        return state.lastStoredRound;
    }

    public long oldestStoredRound() {
        return state.oldestStoredRound;
    }

    // ---------------------------------------------------------------------------------- commit-reveal

    /**
     * {@code AdminUtils.sudo_set_commit_reveal_weights_enabled(netuid, enabled)} signed by the subnet
     * owner's coldkey (root does not exist on the local chain): anyone else gets {@code BadOrigin}.
     */
    public void sudoSetCommitRevealWeightsEnabled(AccountId origin, int netuid, boolean enabled) {
        Subnet s = state.subnets.get(netuid);
        if (s != null && !s.params.ownerColdkey().equals(origin)) {
            throw DispatchException.badOrigin();
        }
        if (s == null) {
            throw new DispatchException("AdminUtils", "SubnetDoesNotExist");
        }
        s.params = s.params.withCommitRevealEnabled(enabled);
    }

    /**
     * {@code commit_timelocked_weights} / {@code commit_timelocked_mechanism_weights} (mecid 0) signed
     * by {@code hotkey}, with Subtensor's {@code internal_commit_timelocked_weights} checks in their
     * order: subnet (and mechanism) exists, commit-reveal on ({@code CommitRevealDisabled}), version ==
     * CommitRevealWeightsVersion ({@code IncorrectCommitRevealVersion}), registered
     * ({@code HotKeyNotRegisteredInSubNet}), rate limit ({@code CommittingWeightsTooFast}), fewer than 10
     * unrevealed commits of this hotkey in the epoch ({@code TooManyUnrevealedCommits}). Stores into
     * {@code TimelockedWeightCommits(netuid_index, epoch)} (the next epoch when this block runs the
     * epoch), emits {@code TimelockedWeightsCommitted(who, netuid_index, blake2_256(commit), reveal_round)}
     * and sets LastUpdate. The commit size bound and {@code reveal_round ≥ LastStoredRound} are
     * checked before dispatch (decoding and the pool), as on chain.
     */
    public void commitTimelockedWeights(AccountId hotkey, int netuid, int mecid, byte[] commit, long revealRound,
                                        int commitRevealVersion) {
        Subnet s = subnet(netuid);
        if (mecid != 0) {
            throw DispatchException.subtensor("MechanismDoesNotExist");
        }
        if (!s.params.commitRevealEnabled()) {
            throw DispatchException.subtensor("CommitRevealDisabled");
        }
        if (commitRevealVersion != COMMIT_REVEAL_WEIGHTS_VERSION) {
            throw DispatchException.subtensor("IncorrectCommitRevealVersion");
        }
        int uid = s.uidOf(hotkey);
        if (uid < 0) {
            throw DispatchException.subtensor("HotKeyNotRegisteredInSubNet");
        }
        if (!weightsRateLimitPassed(s, uid)) {
            throw DispatchException.subtensor("CommittingWeightsTooFast");
        }
        long epoch = s.isEpochBlock(block) ? s.epochIndex(block) + 1 : s.epochIndex(block);
        List<TimelockedCommit> list = state.timelocked.computeIfAbsent(netuid, k -> new TreeMap<>())
                .computeIfAbsent(epoch, k -> new ArrayList<>());
        if (list.stream().filter(c -> c.who().equals(hotkey)).count() >= MAX_UNREVEALED_COMMITS) {
            throw DispatchException.subtensor("TooManyUnrevealedCommits");
        }
        list.add(new TimelockedCommit(hotkey, block, commit, revealRound));
        events.add(RuntimeEvent.of("SubtensorModule", "TimelockedWeightsCommitted", hotkey, netuid,
                Hashes.blake2b256(commit), revealRound));
        s.lastUpdate.set(uid, block);
    }

    /** {@code TimelockedWeightCommits}: netuid index → epoch → commits. */
    public Map<Integer, Map<Long, List<TimelockedCommit>>> timelockedCommits() {
        Map<Integer, Map<Long, List<TimelockedCommit>>> out = new TreeMap<>();
        state.timelocked.forEach((k, v) -> {
            Map<Long, List<TimelockedCommit>> m = new TreeMap<>();
            v.forEach((e, l) -> m.put(e, List.copyOf(l)));
            out.put(k, m);
        });
        return out;
    }

    /**
     * Subtensor's {@code reveal_crv3_commits_for_subnet}, run at every block initialisation: commits of
     * epochs before {@code current − RevealPeriodEpochs} are dropped; those of that epoch whose drand
     * round is stored are decrypted with the pulse signature, decoded as {@code WeightsTlockPayload}
     * (or the legacy payload without hotkey), and applied with set_weights semantics, emitting
     * {@code TimelockedWeightsRevealed(netuid_index, who)}; those whose round has no pulse yet wait for
     * a later block; undecryptable or invalid ones are dropped with a log line (the chain only logs).
     */
    private void revealTimelockedCommits(Subnet s) {
        int netuid = s.netuid();
        TreeMap<Long, List<TimelockedCommit>> byEpoch = state.timelocked.get(netuid);
        if (byEpoch == null) {
            return;
        }
        long cur = s.epochIndex(block);
        long revealEpoch = Math.max(0, cur - REVEAL_PERIOD_EPOCHS);
        byEpoch.headMap(revealEpoch, false).keySet().forEach(e -> log.info(
                "subnet {}: dropping {} unrevealed timelocked commit(s) of epoch {} (reveal epoch passed)",
                netuid, byEpoch.get(e).size(), e));
        byEpoch.headMap(revealEpoch, false).clear();
        if (cur < REVEAL_PERIOD_EPOCHS) {
            return;
        }
        List<TimelockedCommit> entries = byEpoch.remove(revealEpoch);
        if (entries != null) {
            List<TimelockedCommit> unrevealed = new ArrayList<>();
            for (TimelockedCommit c : entries) {
                Pulse p = state.pulses.get(c.revealRound());
                if (p == null) {
                    unrevealed.add(c);
                    continue;
                }
                revealOne(s, c, p);
            }
            if (!unrevealed.isEmpty()) {
                byEpoch.put(revealEpoch, unrevealed);
            }
        }
        if (byEpoch.isEmpty()) {
            state.timelocked.remove(netuid);
        }
    }

    private void revealOne(Subnet s, TimelockedCommit c, Pulse p) {
        int netuid = s.netuid();
        byte[] plain;
        try {
            plain = Tlock.decrypt(c.commit, p.signature);
        } catch (TlockException | RuntimeException e) {
            log.info("subnet {}: dropping the timelocked commit of {} from block {}: cannot decrypt it with round {}: {}",
                    netuid, c.who().ss58(), c.commitBlock(), c.revealRound(), e.getMessage());
            return;
        }
        List<Integer> uids = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        long versionKey;
        try {
            versionKey = decodePayload(plain, c.who(), uids, values);
        } catch (ScaleException | IllegalArgumentException e) {
            log.info("subnet {}: dropping the timelocked commit of {} from block {}: {}", netuid, c.who().ss58(),
                    c.commitBlock(), e.getMessage());
            return;
        }
        State before = state.copy();
        int mark = events.size();
        try {
            internalSetWeights(c.who(), netuid, uids, values, versionKey);
        } catch (DispatchException | ArithmeticException e) {
            state = before;
            events.subList(mark, events.size()).clear();
            log.info("subnet {}: revealed weights of {} were refused: {}", netuid, c.who().ss58(), e.getMessage());
            return;
        }
        events.add(RuntimeEvent.of("SubtensorModule", "TimelockedWeightsRevealed", netuid, c.who()));
    }

    /**
     * Decodes {@code WeightsTlockPayload{hotkey, uids, values, version_key}} (hotkey must be the
     * committer), falling back to {@code LegacyWeightsTlockPayload{uids, values, version_key}} as the
     * chain does. Returns the version key; fills uids and values.
     */
    static long decodePayload(byte[] plain, AccountId committer, List<Integer> uids, List<Integer> values) {
        try {
            ScaleReader r = new ScaleReader(plain);
            byte[] hotkey = r.readBytes(r.readLength("hotkey length", 1), "hotkey");
            List<Integer> u = readU16s(r, "uids");
            List<Integer> v = readU16s(r, "values");
            long version = r.readU64();
            if (hotkey.length >= 32) {
                if (!Arrays.equals(Arrays.copyOf(hotkey, 32), committer.bytes())) {
                    throw new IllegalArgumentException("the payload names hotkey " + new AccountId(Arrays.copyOf(hotkey, 32)).ss58()
                            + ", not the committer");
                }
                uids.addAll(u);
                values.addAll(v);
                return version;
            }
        } catch (ScaleException e) {
            // fall through to the legacy layout
        }
        ScaleReader r = new ScaleReader(plain);
        List<Integer> u = readU16s(r, "uids");
        List<Integer> v = readU16s(r, "values");
        long version = r.readU64();
        uids.addAll(u);
        values.addAll(v);
        return version;
    }

    private static List<Integer> readU16s(ScaleReader r, String what) {
        int n = r.readLength(what + " length", 2);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.readU16());
        }
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------- epoch

    private void runEpoch(Subnet s) {
        int n = s.size();
        long total = s.pendingEmission;
        s.pendingEmission = 0;
        s.epochs++;
        assignPermits(s);
        double[] stake = new double[n];
        double stakeSum = 0;
        for (int i = 0; i < n; i++) {
            if (s.validatorPermit.get(i)) {
                stake[i] = totalHotkeyAlpha(s.keys.get(i), s.netuid());
                stakeSum += stake[i];
            }
        }
        double[][] w = new double[n][];
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = new double[n];
            if (stake[i] == 0) {
                continue;
            }
            double rowSum = 0;
            for (int[] e : s.weights.getOrDefault(i, List.of())) {
                if (e[0] < n) {
                    w[i][e[0]] += e[1];
                    rowSum += e[1];
                }
            }
            if (rowSum > 0) {
                for (int j = 0; j < n; j++) {
                    w[i][j] /= rowSum;
                    rank[j] += stake[i] / stakeSum * w[i][j];
                }
            }
        }
        double rankSum = sum(rank);
        double[] incentive = new double[n];
        double[] dividends = new double[n];
        if (rankSum > 0) {
            for (int j = 0; j < n; j++) {
                incentive[j] = rank[j] / rankSum;
            }
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    d += w[i][j] * incentive[j];
                }
                dividends[i] = stake[i] * d;
            }
        } else if (stakeSum > 0) {
            System.arraycopy(stake, 0, dividends, 0, n);
        }
        normalise(dividends);

        long ownerCut = total * 18 / 100;
        long minerPot = rankSum > 0 ? total * 41 / 100 : 0;
        long validatorPot = total - ownerCut - minerPot;
        long[] emitted = new long[n];
        long[] minerShare = split(minerPot, incentive);
        long[] validatorShare = split(stakeSum > 0 ? validatorPot : 0, dividends);
        for (int j = 0; j < n; j++) {
            AccountId hot = s.keys.get(j);
            if (minerShare[j] > 0) {
                AccountId cold = state.owner.get(hot);
                pool(hot, s.netuid()).add(cold, minerShare[j]);
                emitted[j] += minerShare[j];
            }
            if (validatorShare[j] > 0) {
                SharePool p = pool(hot, s.netuid());
                if (p.isEmpty()) {
                    p.add(state.owner.get(hot), validatorShare[j]);
                } else {
                    p.emit(validatorShare[j]);
                }
                emitted[j] += validatorShare[j];
            }
        }
        if (ownerCut > 0) {
            pool(s.params.ownerHotkey(), s.netuid()).add(s.params.ownerColdkey(), ownerCut);
            int ownerUid = s.uidOf(s.params.ownerHotkey());
            if (ownerUid >= 0) {
                emitted[ownerUid] += ownerCut;
            }
        }
        for (int j = 0; j < n; j++) {
            s.incentive.set(j, toU16(incentive[j]));
            s.dividends.set(j, toU16(dividends[j]));
            s.emission.set(j, emitted[j]);
        }
        assignPermits(s);
    }

    /** Splits {@code pot} by the (normalised) shares, giving the rounding remainder to the largest share. */
    private static long[] split(long pot, double[] shares) {
        long[] out = new long[shares.length];
        if (pot <= 0) {
            return out;
        }
        long given = 0;
        int largest = -1;
        for (int i = 0; i < shares.length; i++) {
            out[i] = (long) Math.floor(pot * shares[i]);
            given += out[i];
            if (shares[i] > 0 && (largest < 0 || shares[i] > shares[largest])) {
                largest = i;
            }
        }
        if (largest >= 0) {
            out[largest] += pot - given;
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static void normalise(double[] v) {
        double s = sum(v);
        if (s > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= s;
            }
        }
    }

    private static int toU16(double x) {
        return (int) Math.round(Math.max(0, Math.min(1, x)) * 65535);
    }

    // ---------------------------------------------------------------------------------- commitments

    private static String commitmentKey(int netuid, AccountId who) {
        return netuid + "/" + io.tao4j.crypto.Hex.encode(who.bytes());
    }

    /** {@code Commitments.set_commitment(netuid, info)} signed by {@code hotkey}. */
    public void setCommitment(AccountId hotkey, int netuid, List<CommitmentField> fields) {
        Subnet s = state.subnets.get(netuid);
        if (s == null || s.uidOf(hotkey) < 0) {
            throw new DispatchException("Commitments", "AccountNotAllowedCommit");
        }
        if (fields.size() > COMMITMENT_MAX_FIELDS) {
            throw new DispatchException("Commitments", "TooManyFieldsInCommitmentInfo");
        }
        long cost = Math.max(100, fields.stream().mapToLong(CommitmentField::size).sum());
        String key = commitmentKey(netuid, hotkey);
        long epoch = s.epochIndex(block);
        long[] used = state.usedSpace.get(key);
        long usedNow = used != null && used[0] == epoch ? used[1] : 0;
        if (usedNow + cost > COMMITMENT_MAX_SPACE) {
            throw new DispatchException("Commitments", "SpaceLimitExceeded");
        }
        state.usedSpace.put(key, new long[]{epoch, usedNow + cost});
        state.commitments.put(key, new Commitment(0, block, List.copyOf(fields)));
        events.add(RuntimeEvent.of("Commitments", "Commitment", netuid, hotkey));
    }

    public Optional<Commitment> commitment(int netuid, AccountId who) {
        return Optional.ofNullable(state.commitments.get(commitmentKey(netuid, who)));
    }

    /** All commitments of a subnet, by account. */
    public Map<AccountId, Commitment> commitments(int netuid) {
        Map<AccountId, Commitment> out = new LinkedHashMap<>();
        String prefix = netuid + "/";
        state.commitments.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(new AccountId(io.tao4j.crypto.Hex.decode(k.substring(prefix.length()))), v);
            }
        });
        return out;
    }

    /** Per-epoch used space of (netuid, account): [epoch index, bytes used]. */
    public Optional<long[]> usedSpace(int netuid, AccountId who) {
        return Optional.ofNullable(state.usedSpace.get(commitmentKey(netuid, who))).map(long[]::clone);
    }

    // ---------------------------------------------------------------------------------- snapshot

    /** A deep copy of the whole runtime (state, block number), e.g. for a per-block snapshot. */
    public SubtensorRuntime snapshot() {
        SubtensorRuntime r = new SubtensorRuntime();
        r.state = state.copy();
        r.block = block;
        r.beaconKey = beaconKey;
        r.maxKeptPulses = maxKeptPulses;
        return r;
    }
}
