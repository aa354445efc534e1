package io.tao4j.localnet.runtime;

import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.crypto.Hashes;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockException;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timelocked commit-reveal weights: {@code AdminUtils.sudo_set_commit_reveal_weights_enabled},
 * {@code commit_timelocked_weights} into {@code TimelockedWeightCommits}, and the reveal at block initialisation
 * from the stored drand pulses (after Subtensor's {@code reveal_commits.rs}).
 */
final class CommitRevealPallet {
    private static final Logger log = LoggerFactory.getLogger(SubtensorRuntime.class);
    private final SubtensorRuntime rt;

    CommitRevealPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    void sudoSetCommitRevealWeightsEnabled(AccountId origin, int netuid, boolean enabled) {
        Subnet s = rt.state().subnets.get(netuid);
        if (s != null && !s.params.ownerColdkey().equals(origin)) {
            throw DispatchException.badOrigin();
        }
        if (s == null) {
            throw new DispatchException("AdminUtils", "SubnetDoesNotExist");
        }
        s.params = s.params.withCommitRevealEnabled(enabled);
    }

    void commitTimelockedWeights(AccountId hotkey, int netuid, int mecid, byte[] commit, long revealRound,
                                 int commitRevealVersion) {
        Subnet s = rt.registration().subnet(netuid);
        if (mecid != 0) {
            throw DispatchException.subtensor("MechanismDoesNotExist");
        }
        if (!s.params.commitRevealEnabled()) {
            throw DispatchException.subtensor("CommitRevealDisabled");
        }
        if (commitRevealVersion != SubtensorRuntime.COMMIT_REVEAL_WEIGHTS_VERSION) {
            throw DispatchException.subtensor("IncorrectCommitRevealVersion");
        }
        int uid = rt.weights().committingUid(s, hotkey);
        long block = rt.block();
        long epoch = s.isEpochBlock(block) ? s.epochIndex(block) + 1 : s.epochIndex(block);
        List<SubtensorRuntime.TimelockedCommit> list = rt.state().timelocked.computeIfAbsent(netuid, k -> new TreeMap<>())
                .computeIfAbsent(epoch, k -> new ArrayList<>());
        if (list.stream().filter(c -> c.who().equals(hotkey)).count() >= SubtensorRuntime.MAX_UNREVEALED_COMMITS) {
            throw DispatchException.subtensor("TooManyUnrevealedCommits");
        }
        list.add(new SubtensorRuntime.TimelockedCommit(hotkey, block, commit, revealRound));
        rt.deposit(RuntimeEvent.of("SubtensorModule", "TimelockedWeightsCommitted", hotkey, netuid,
                Hashes.blake2b256(commit), revealRound));
        s.lastUpdate.set(uid, block);
    }

    Map<Integer, Map<Long, List<SubtensorRuntime.TimelockedCommit>>> timelockedCommits() {
        Map<Integer, Map<Long, List<SubtensorRuntime.TimelockedCommit>>> out = new TreeMap<>();
        rt.state().timelocked.forEach((k, v) -> {
            Map<Long, List<SubtensorRuntime.TimelockedCommit>> m = new TreeMap<>();
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
    void revealTimelockedCommits(Subnet s) {
        int netuid = s.netuid();
        TreeMap<Long, List<SubtensorRuntime.TimelockedCommit>> byEpoch = rt.state().timelocked.get(netuid);
        if (byEpoch == null) {
            return;
        }
        long cur = s.epochIndex(rt.block());
        long revealEpoch = Math.max(0, cur - SubtensorRuntime.REVEAL_PERIOD_EPOCHS);
        byEpoch.headMap(revealEpoch, false).keySet().forEach(e -> log.info(
                "subnet {}: dropping {} unrevealed timelocked commit(s) of epoch {} (reveal epoch passed)",
                netuid, byEpoch.get(e).size(), e));
        byEpoch.headMap(revealEpoch, false).clear();
        if (cur < SubtensorRuntime.REVEAL_PERIOD_EPOCHS) {
            return;
        }
        List<SubtensorRuntime.TimelockedCommit> entries = byEpoch.remove(revealEpoch);
        if (entries != null) {
            List<SubtensorRuntime.TimelockedCommit> unrevealed = new ArrayList<>();
            for (SubtensorRuntime.TimelockedCommit c : entries) {
                DrandPulse p = rt.state().pulses.get(c.revealRound());
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
            rt.state().timelocked.remove(netuid);
        }
    }

    private void revealOne(Subnet s, SubtensorRuntime.TimelockedCommit c, DrandPulse p) {
        int netuid = s.netuid();
        byte[] plain;
        try {
            plain = Tlock.decrypt(c.commit(), p.signature());
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
        try {
            rt.nested(() -> rt.weights().internalSetWeights(c.who(), netuid, uids, values, versionKey));
        } catch (DispatchException | ArithmeticException e) {
            log.info("subnet {}: revealed weights of {} were refused: {}", netuid, c.who().ss58(), e.getMessage());
            return;
        }
        rt.deposit(RuntimeEvent.of("SubtensorModule", "TimelockedWeightsRevealed", netuid, c.who()));
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
}
