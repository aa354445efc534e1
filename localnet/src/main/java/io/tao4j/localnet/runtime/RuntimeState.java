package io.tao4j.localnet.runtime;

import io.tao4j.chain.subtensor.DrandPulse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state every pallet of {@link SubtensorRuntime} works on, in one object so that a call can be made
 * transactional by copying it ({@link #copy()}) and putting the copy back on failure. Pallets never keep a
 * reference to it: they ask the runtime for the current one.
 */
final class RuntimeState {
    // Balances / System
    final Map<AccountId, Long> free = new TreeMap<>();
    final Map<AccountId, Long> nonce = new TreeMap<>();
    long totalIssuance;
    // SubtensorModule: subnets, registration, stake, weights
    final Map<Integer, Subnet> subnets = new TreeMap<>();
    final Map<AccountId, AccountId> owner = new TreeMap<>();
    final Map<AccountId, List<AccountId>> ownedHotkeys = new TreeMap<>();
    /** (hotkey hex "/" netuid) → pool. */
    final Map<String, SharePool> pools = new TreeMap<>();
    long stakeThreshold;
    /** (netuid "/" hotkey hex) → pending hash commits of {@code commit_weights}. */
    final Map<String, List<HashCommitPallet.HashCommit>> weightCommits = new TreeMap<>();
    /** netuid index → epoch → timelocked commits. */
    final TreeMap<Integer, TreeMap<Long, List<SubtensorRuntime.TimelockedCommit>>> timelocked = new TreeMap<>();
    // Commitments: (netuid "/" account hex) → value, and [epoch, bytes used]
    final Map<String, SubtensorRuntime.Commitment> commitments = new TreeMap<>();
    final Map<String, long[]> usedSpace = new TreeMap<>();
    // Drand
    final TreeMap<Long, DrandPulse> pulses = new TreeMap<>();
    long lastStoredRound;
    long oldestStoredRound;

    RuntimeState copy() {
        RuntimeState s = new RuntimeState();
        s.pulses.putAll(pulses);
        s.lastStoredRound = lastStoredRound;
        s.oldestStoredRound = oldestStoredRound;
        timelocked.forEach((k, v) -> {
            TreeMap<Long, List<SubtensorRuntime.TimelockedCommit>> m = new TreeMap<>();
            v.forEach((e, l) -> m.put(e, new ArrayList<>(l)));
            s.timelocked.put(k, m);
        });
        s.free.putAll(free);
        s.nonce.putAll(nonce);
        subnets.forEach((k, v) -> s.subnets.put(k, v.copy()));
        s.owner.putAll(owner);
        ownedHotkeys.forEach((k, v) -> s.ownedHotkeys.put(k, new ArrayList<>(v)));
        pools.forEach((k, v) -> {
            SharePool c = new SharePool();
            c.restore(v); // same shares and total alpha, exactly
            s.pools.put(k, c);
        });
        weightCommits.forEach((k, v) -> s.weightCommits.put(k, new ArrayList<>(v)));
        s.commitments.putAll(commitments);
        usedSpace.forEach((k, v) -> s.usedSpace.put(k, v.clone()));
        s.totalIssuance = totalIssuance;
        s.stakeThreshold = stakeThreshold;
        return s;
    }
}
