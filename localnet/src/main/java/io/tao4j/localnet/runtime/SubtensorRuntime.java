package io.tao4j.localnet.runtime;

import io.tao4j.chain.subtensor.DrandPulse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 *
 * <p>This class is the composition: it owns the shared {@link RuntimeState}, the block number and the event
 * buffer, makes calls transactional, and delegates each call to its pallet ({@link BalancesPallet},
 * {@link RegistrationPallet}, {@link StakingPallet}, {@link WeightsPallet}, {@link CommitRevealPallet},
 * {@link DrandPallet}, {@link EpochPallet}, {@link CommitmentsPallet}).
 */
public final class SubtensorRuntime {
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

    private RuntimeState state = new RuntimeState();
    private long block;
    private final List<RuntimeEvent> events = new ArrayList<>();

    private final BalancesPallet balances = new BalancesPallet(this);
    private final RegistrationPallet registration = new RegistrationPallet(this);
    private final StakingPallet staking = new StakingPallet(this);
    private final WeightsPallet weights = new WeightsPallet(this);
    private final CommitRevealPallet commitReveal = new CommitRevealPallet(this);
    private final DrandPallet drand = new DrandPallet(this);
    private final EpochPallet epoch = new EpochPallet(this);
    private final CommitmentsPallet commitmentsPallet = new CommitmentsPallet(this);
    private final HashCommitPallet hashCommits = new HashCommitPallet(this);

    // ------------------------------------------------------------------ shared with the pallets

    /** The current state (replaced when a failed call is rolled back: pallets must not keep it). */
    RuntimeState state() {
        return state;
    }

    /** Deposits an event of the running call or block initialisation. */
    void deposit(RuntimeEvent e) {
        events.add(e);
    }

    BalancesPallet balances() {
        return balances;
    }

    RegistrationPallet registration() {
        return registration;
    }

    StakingPallet staking() {
        return staking;
    }

    WeightsPallet weights() {
        return weights;
    }

    /**
     * Runs {@code part} as a nested transaction inside block initialisation: on {@link DispatchException} or
     * {@link ArithmeticException} its state changes and events are undone and the exception propagates.
     */
    void nested(Runnable part) {
        RuntimeState before = state.copy();
        int mark = events.size();
        try {
            part.run();
        } catch (DispatchException | ArithmeticException e) {
            state = before;
            events.subList(mark, events.size()).clear();
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------- genesis

    /** Credits {@code amount} rao to {@code who} (genesis endowment). */
    public void endow(AccountId who, long amount) {
        balances.endow(who, amount);
    }

    /** Minimum stake a hotkey needs to set weights ({@code StakeThreshold}). */
    public void setStakeThreshold(long rao) {
        weights.setStakeThreshold(rao);
    }

    /** Creates a subnet and registers its owner hotkey as UID 0, as subnet registration does. */
    public Subnet createSubnet(Subnet.Params params) {
        return registration.createSubnet(params);
    }

    /** Registers {@code hotkey} for free (genesis only). */
    public int registerAtGenesis(int netuid, AccountId coldkey, AccountId hotkey) {
        return registration.registerAtGenesis(netuid, coldkey, hotkey);
    }

    /** Stakes alpha directly (genesis only; no balance is taken). */
    public void stakeAtGenesis(AccountId coldkey, AccountId hotkey, int netuid, long alpha) {
        staking.stakeAtGenesis(coldkey, hotkey, netuid, alpha);
    }

    /** Recomputes validator permits from current stake (after genesis staking). */
    public void refreshPermits() {
        state.subnets.values().forEach(staking::assignPermits);
    }

    // ---------------------------------------------------------------------------------- blocks

    public long block() {
        return block;
    }

    /**
     * Starts block {@code number}: reveals due timelocked commits, advances every subnet's step counter, accrues
     * emission and runs the epoch of each subnet whose epoch block this is. Returns the events of initialisation.
     */
    public List<RuntimeEvent> initializeBlock(long number) {
        if (number != block + 1) {
            throw new IllegalStateException("blocks must be consecutive: at " + block + ", asked for " + number);
        }
        block = number;
        events.clear();
        for (Subnet s : state.subnets.values()) {
            commitReveal.revealTimelockedCommits(s);
        }
        for (Subnet s : state.subnets.values()) {
            s.blocksSinceLastStep++;
            s.pendingEmission = Math.addExact(s.pendingEmission, s.params.emissionPerBlock());
            if (s.isEpochBlock(number)) {
                epoch.runEpoch(s);
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
        RuntimeState before = state.copy();
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
        return balances.freeBalance(who);
    }

    public long totalIssuance() {
        return balances.totalIssuance();
    }

    public long nonce(AccountId who) {
        return balances.nonce(who);
    }

    /** Accounts with a balance or nonce ({@code System.Account} entries). */
    public List<AccountId> accounts() {
        return balances.accounts();
    }

    /** Bumps the account nonce (done by the node for every included signed extrinsic). */
    public void incrementNonce(AccountId who) {
        balances.incrementNonce(who);
    }

    /** Takes a transaction fee; throws Balances.InsufficientBalance when it cannot be paid. */
    public void withdrawFee(AccountId who, long fee) {
        balances.withdrawFee(who, fee);
    }

    /** {@code Balances.transfer_keep_alive}. */
    public void transferKeepAlive(AccountId from, AccountId to, long amount) {
        balances.transferKeepAlive(from, to, amount);
    }

    // ---------------------------------------------------------------------------------- subnets

    public Optional<Subnet> subnetIfExists(int netuid) {
        return registration.subnetIfExists(netuid);
    }

    public List<Subnet> subnets() {
        return registration.subnets();
    }

    public Subnet subnet(int netuid) {
        return registration.subnet(netuid);
    }

    public long stakeThreshold() {
        return weights.stakeThreshold();
    }

    public Optional<AccountId> owner(AccountId hotkey) {
        return registration.owner(hotkey);
    }

    public Map<AccountId, AccountId> owners() {
        return registration.owners();
    }

    public List<AccountId> ownedHotkeys(AccountId coldkey) {
        return registration.ownedHotkeys(coldkey);
    }

    public Map<AccountId, List<AccountId>> allOwnedHotkeys() {
        return registration.allOwnedHotkeys();
    }

    /** {@code SubtensorModule.burned_register}, signed by {@code coldkey}. */
    public void burnedRegister(AccountId coldkey, int netuid, AccountId hotkey) {
        registration.burnedRegister(coldkey, netuid, hotkey);
    }

    // ---------------------------------------------------------------------------------- stake

    /** The pool of (hotkey, netuid), if anyone ever staked there. */
    public Optional<SharePool> poolIfExists(AccountId hotkey, int netuid) {
        return staking.poolIfExists(hotkey, netuid);
    }

    /** All pools keyed by (hotkey, netuid). */
    public Map<Map.Entry<AccountId, Integer>, SharePool> pools() {
        return staking.pools();
    }

    /** Stake of (coldkey, hotkey, netuid) in alpha rao, as the chain computes it from shares. */
    public long stake(AccountId coldkey, AccountId hotkey, int netuid) {
        return staking.stake(coldkey, hotkey, netuid);
    }

    /** Total alpha staked on {@code hotkey} in {@code netuid} ({@code TotalHotkeyAlpha}). */
    public long totalHotkeyAlpha(AccountId hotkey, int netuid) {
        return staking.totalHotkeyAlpha(hotkey, netuid);
    }

    /** {@code add_stake(hotkey, netuid, amount_staked)} signed by {@code coldkey}; TAO→alpha 1:1. */
    public void addStake(AccountId coldkey, AccountId hotkey, int netuid, long tao) {
        staking.addStake(coldkey, hotkey, netuid, tao);
    }

    /** {@code remove_stake(hotkey, netuid, amount_unstaked)} signed by {@code coldkey}; alpha→TAO 1:1. */
    public void removeStake(AccountId coldkey, AccountId hotkey, int netuid, long alpha) {
        staking.removeStake(coldkey, hotkey, netuid, alpha);
    }

    /**
     * {@code move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid,
     * alpha_amount)} signed by {@code coldkey}: the coldkey's stake moves between hotkeys/subnets.
     */
    public void moveStake(AccountId coldkey, AccountId originHotkey, AccountId destinationHotkey,
                          int originNetuid, int destinationNetuid, long alpha) {
        staking.moveStake(coldkey, originHotkey, destinationHotkey, originNetuid, destinationNetuid, alpha);
    }

    /**
     * {@code transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid,
     * alpha_amount)} signed by {@code coldkey}: stake on {@code hotkey} changes owner.
     */
    public void transferStake(AccountId coldkey, AccountId destinationColdkey, AccountId hotkey,
                              int originNetuid, int destinationNetuid, long alpha) {
        staking.transferStake(coldkey, destinationColdkey, hotkey, originNetuid, destinationNetuid, alpha);
    }

    // ---------------------------------------------------------------------------------- weights

    /**
     * {@code set_weights(netuid, dests, weights, version_key)} signed by {@code hotkey}, with the
     * checks of Subtensor's {@code internal_set_weights} in their order.
     */
    public void setWeights(AccountId hotkey, int netuid, List<Integer> dests, List<Integer> values, long versionKey) {
        weights.setWeights(hotkey, netuid, dests, values, versionKey);
    }

    /** The chain's rate limit: accepted if never set, or at least WeightsSetRateLimit blocks ago. */
    public boolean weightsRateLimitPassed(Subnet s, int uid) {
        return weights.rateLimitPassed(s, uid);
    }

    // ---------------------------------------------------------------------------------- drand

    /** The drand public key (96-byte compressed G2) pulses are verified against ({@code BeaconConfig}). */
    public void setBeaconPublicKey(byte[] compressedG2) {
        drand.setBeaconPublicKey(compressedG2);
    }

    /** How many pulses to keep (default {@link #MAX_KEPT_PULSES}). */
    public void setMaxKeptPulses(long n) {
        drand.setMaxKeptPulses(n);
    }

    /** True if a beacon key is configured. */
    public boolean hasBeacon() {
        return drand.hasBeacon();
    }

    /**
     * True if {@code p} is a valid pulse of the configured beacon: a BLS signature over the round
     * (quicknet scheme) that verifies, and randomness = sha256(signature).
     */
    public boolean verifyPulse(DrandPulse p) {
        return drand.verifyPulse(p);
    }

    /**
     * {@code Drand.write_pulse} (unsigned, from the block producer): every pulse must verify
     * ({@code PulseVerificationError}) and rounds must increase past {@code LastStoredRound}
     * ({@code InvalidRoundNumber}); stores them, advances {@code LastStoredRound}, sets
     * {@code OldestStoredRound} on the first write, prunes beyond {@link #MAX_KEPT_PULSES} rounds and emits
     * {@code NewPulse}.
     */
    public void writePulses(List<DrandPulse> pulses) {
        drand.writePulses(pulses);
    }

    public Optional<DrandPulse> pulse(long round) {
        return drand.pulse(round);
    }

    /** Stored pulses by round. */
    public Map<Long, DrandPulse> pulses() {
        return drand.pulses();
    }

    public long lastStoredRound() {
        return drand.lastStoredRound();
    }

    public long oldestStoredRound() {
        return drand.oldestStoredRound();
    }

    // ---------------------------------------------------------------------------------- commit-reveal

    /**
     * {@code AdminUtils.sudo_set_commit_reveal_weights_enabled(netuid, enabled)} signed by the subnet
     * owner's coldkey (root does not exist on the local chain): anyone else gets {@code BadOrigin}.
     */
    public void sudoSetCommitRevealWeightsEnabled(AccountId origin, int netuid, boolean enabled) {
        commitReveal.sudoSetCommitRevealWeightsEnabled(origin, netuid, enabled);
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
        commitReveal.commitTimelockedWeights(hotkey, netuid, mecid, commit, revealRound, commitRevealVersion);
    }

    /** {@code TimelockedWeightCommits}: netuid index → epoch → commits. */
    public Map<Integer, Map<Long, List<TimelockedCommit>>> timelockedCommits() {
        return commitReveal.timelockedCommits();
    }

    /** See {@link CommitRevealPallet#decodePayload}. */
    static long decodePayload(byte[] plain, AccountId committer, List<Integer> uids, List<Integer> values) {
        return CommitRevealPallet.decodePayload(plain, committer, uids, values);
    }

    // ---------------------------------------------------------------------------------- commitments

    /** {@code Commitments.set_commitment(netuid, info)} signed by {@code hotkey}. */
    public void setCommitment(AccountId hotkey, int netuid, List<CommitmentField> fields) {
        commitmentsPallet.setCommitment(hotkey, netuid, fields);
    }

    public Optional<Commitment> commitment(int netuid, AccountId who) {
        return commitmentsPallet.commitment(netuid, who);
    }

    /** All commitments of a subnet, by account. */
    public Map<AccountId, Commitment> commitments(int netuid) {
        return commitmentsPallet.commitments(netuid);
    }

    /** Per-epoch used space of (netuid, account): [epoch index, bytes used]. */
    public Optional<long[]> usedSpace(int netuid, AccountId who) {
        return commitmentsPallet.usedSpace(netuid, who);
    }

    // ---------------------------------------------------------------------------------- snapshot

    /** A deep copy of the whole runtime (state, block number, beacon configuration), e.g. for a per-block snapshot. */
    public SubtensorRuntime snapshot() {
        SubtensorRuntime r = new SubtensorRuntime();
        r.state = state.copy();
        r.block = block;
        r.drand.copyConfig(drand);
        return r;
    }

    // ---------------------------------------------------------------------------------- operator calls

    /** {@code Balances.transfer_allow_death}. */
    public void transferAllowDeath(AccountId from, AccountId to, long amount) {
        balances.transferAllowDeath(from, to, amount);
    }

    /** {@code Balances.transfer_all}. */
    public void transferAll(AccountId from, AccountId to, boolean keepAlive) {
        balances.transferAll(from, to, keepAlive);
    }

    /** {@code add_stake_limit} (price fixed at 1.0: the limit only gates). */
    public void addStakeLimit(AccountId coldkey, AccountId hotkey, int netuid, long tao, long limitPrice, boolean allowPartial) {
        staking.addStakeLimit(coldkey, hotkey, netuid, tao, limitPrice, allowPartial);
    }

    /** {@code remove_stake_limit}. */
    public void removeStakeLimit(AccountId coldkey, AccountId hotkey, int netuid, long alpha, long limitPrice, boolean allowPartial) {
        staking.removeStakeLimit(coldkey, hotkey, netuid, alpha, limitPrice, allowPartial);
    }

    /** The alpha price of a subnet in rao per alpha (1.0 here). */
    public long alphaPrice(int netuid) {
        return StakingPallet.PRICE;
    }

    /** {@code commit_weights(netuid, commit_hash)}. */
    public void commitWeights(AccountId hotkey, int netuid, byte[] hash) {
        hashCommits.commit(hotkey, netuid, hash);
    }

    /** {@code reveal_weights(netuid, uids, values, salt, version_key)}. */
    public void revealWeights(AccountId hotkey, int netuid, List<Integer> uids, List<Integer> values, List<Integer> salt,
                              long versionKey) {
        hashCommits.reveal(hotkey, netuid, uids, values, salt, versionKey);
    }

    /**
     * Pending hash commits: (netuid, hotkey) → list of [hash (32 bytes), commit block, first reveal block, last reveal
     * block], for {@code WeightCommits}.
     */
    public Map<Map.Entry<Integer, AccountId>, List<List<Object>>> weightCommits() {
        Map<Map.Entry<Integer, AccountId>, List<List<Object>>> out = new java.util.LinkedHashMap<>();
        state.weightCommits.forEach((k, v) -> {
            int slash = k.indexOf('/');
            List<List<Object>> rows = new ArrayList<>();
            v.forEach(c -> rows.add(List.of(c.hash().clone(), c.commitBlock(), c.firstRevealBlock(), c.lastRevealBlock())));
            out.put(Map.entry(Integer.parseInt(k.substring(0, slash)),
                    new AccountId(io.tao4j.crypto.Hex.decode(k.substring(slash + 1)))), rows);
        });
        return out;
    }
}
