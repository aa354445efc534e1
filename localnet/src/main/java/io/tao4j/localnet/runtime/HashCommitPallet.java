package io.tao4j.localnet.runtime;

import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Hex;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hash commit-reveal of weights ({@code commit_weights} / {@code reveal_weights}, Subtensor's
 * {@code subnets/weights.rs}): a commit stores (blake2-256 hash, commit block, first and last reveal block) in
 * {@code WeightCommits(netuid, hotkey)}; the reveal must come in epoch {@code commit epoch + RevealPeriodEpochs},
 * name the hash (account id, netuid, uids, values, salt, version key — the SDK's {@code generate_weight_hash}) and then
 * sets the weights. Errors in the chain's order: CommitRevealDisabled, HotKeyNotRegisteredInSubNet,
 * CommittingWeightsTooFast, TooManyUnrevealedCommits; NoWeightsCommitFound, ExpiredWeightCommit,
 * InvalidRevealCommitHashNotMatch, RevealTooEarly.
 */
final class HashCommitPallet {
    /** One {@code WeightCommits} entry. */
    record HashCommit(byte[] hash, long commitBlock, long firstRevealBlock, long lastRevealBlock) {
    }

    private final SubtensorRuntime rt;

    HashCommitPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    static String key(int netuid, AccountId hotkey) {
        return netuid + "/" + Hex.encode(hotkey.bytes());
    }

    private long revealEpoch(Subnet s, long commitBlock) {
        return s.epochIndex(commitBlock) + SubtensorRuntime.REVEAL_PERIOD_EPOCHS;
    }

    private static long firstBlockOfEpoch(Subnet s, long epoch) {
        return Math.max(0, epoch * (s.params().tempo() + 1L) - s.netuid() - 1);
    }

    void commit(AccountId hotkey, int netuid, byte[] hash) {
        Subnet s = rt.registration().subnet(netuid);
        if (!s.params.commitRevealEnabled()) {
            throw DispatchException.subtensor("CommitRevealDisabled");
        }
        int uid = rt.weights().committingUid(s, hotkey);
        long block = rt.block();
        List<HashCommit> list = new ArrayList<>(rt.state().weightCommits.getOrDefault(key(netuid, hotkey), List.of()));
        list.removeIf(c -> s.epochIndex(block) > revealEpoch(s, c.commitBlock()));
        if (list.size() >= SubtensorRuntime.MAX_UNREVEALED_COMMITS) {
            throw DispatchException.subtensor("TooManyUnrevealedCommits");
        }
        long epoch = revealEpoch(s, block);
        list.add(new HashCommit(hash.clone(), block, firstBlockOfEpoch(s, epoch), firstBlockOfEpoch(s, epoch + 1) - 1));
        rt.state().weightCommits.put(key(netuid, hotkey), list);
        rt.deposit(RuntimeEvent.of("SubtensorModule", "WeightsCommitted", hotkey, netuid, hash.clone()));
        s.lastUpdate.set(uid, block);
    }

    void reveal(AccountId hotkey, int netuid, List<Integer> uids, List<Integer> values, List<Integer> salt, long versionKey) {
        Subnet s = rt.registration().subnet(netuid);
        if (!s.params.commitRevealEnabled()) {
            throw DispatchException.subtensor("CommitRevealDisabled");
        }
        String k = key(netuid, hotkey);
        List<HashCommit> stored = rt.state().weightCommits.get(k);
        if (stored == null || stored.isEmpty()) {
            throw DispatchException.subtensor("NoWeightsCommitFound");
        }
        long now = s.epochIndex(rt.block());
        List<HashCommit> list = new ArrayList<>(stored);
        list.removeIf(c -> now > revealEpoch(s, c.commitBlock()));
        if (list.isEmpty()) {
            rt.state().weightCommits.remove(k);
            throw DispatchException.subtensor("ExpiredWeightCommit");
        }
        byte[] h = hash(hotkey, netuid, uids, values, salt, versionKey);
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i).hash(), h)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw DispatchException.subtensor("InvalidRevealCommitHashNotMatch");
        }
        if (now < revealEpoch(s, list.get(at).commitBlock())) {
            throw DispatchException.subtensor("RevealTooEarly");
        }
        list.subList(0, at + 1).clear();
        if (list.isEmpty()) {
            rt.state().weightCommits.remove(k);
        } else {
            rt.state().weightCommits.put(k, list);
        }
        rt.weights().internalSetWeights(hotkey, netuid, uids, values, versionKey);
        rt.deposit(RuntimeEvent.of("SubtensorModule", "WeightsRevealed", hotkey, netuid, h));
    }

    /** blake2-256 of SCALE (account id, netuid u16, Vec&lt;u16&gt; uids, values, salt, u64 version key). */
    static byte[] hash(AccountId who, int netuid, List<Integer> uids, List<Integer> values, List<Integer> salt, long versionKey) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(who.bytes());
        b.write(netuid & 0xff);
        b.write(netuid >>> 8);
        for (List<Integer> v : List.of(uids, values, salt)) {
            b.writeBytes(new io.tao4j.scale.ScaleWriter().writeCompact(v.size()).toByteArray());
            for (int x : v) {
                b.write(x & 0xff);
                b.write((x >>> 8) & 0xff);
            }
        }
        for (int i = 0; i < 8; i++) {
            b.write((int) (versionKey >>> (8 * i)) & 0xff);
        }
        return Hashes.blake2b256(b.toByteArray());
    }
}
