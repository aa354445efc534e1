package io.tao4j.localnet.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code set_weights} with the checks of Subtensor's {@code internal_set_weights} in their order, the stake
 * threshold and the weights rate limit.
 */
final class WeightsPallet {
    private final SubtensorRuntime rt;

    WeightsPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    void setStakeThreshold(long rao) {
        rt.state().stakeThreshold = rao;
    }

    long stakeThreshold() {
        return rt.state().stakeThreshold;
    }

    void setWeights(AccountId hotkey, int netuid, List<Integer> dests, List<Integer> values, long versionKey) {
        Subnet s = rt.registration().subnet(netuid);
        if (s.params.commitRevealEnabled()) {
            throw DispatchException.subtensor("CommitRevealEnabled");
        }
        internalSetWeights(hotkey, netuid, dests, values, versionKey);
    }

    /**
     * Subtensor's {@code internal_set_weights}: the dispatchable's checks without the commit-reveal gate; with
     * commit-reveal on, the rate limit is skipped and LastUpdate left alone (the commit set it), as on chain.
     */
    void internalSetWeights(AccountId hotkey, int netuid, List<Integer> dests, List<Integer> values, long versionKey) {
        Subnet s = rt.registration().subnet(netuid);
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
        if (rt.staking().totalHotkeyAlpha(hotkey, netuid) < stakeThreshold()) {
            throw DispatchException.subtensor("NotEnoughStakeToSetWeights");
        }
        long chainKey = s.params.weightsVersionKey();
        if (chainKey != 0 && versionKey < chainKey) {
            throw DispatchException.subtensor("IncorrectWeightVersionKey");
        }
        if (!cr && !rateLimitPassed(s, uid)) {
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
            s.lastUpdate.set(uid, rt.block());
        }
        rt.deposit(RuntimeEvent.of("SubtensorModule", "WeightsSet", netuid, uid));
    }

    /**
     * The UID a weights commit (hash or timelocked) is made from: the hotkey must be registered on {@code s}
     * (HotKeyNotRegisteredInSubNet) and past the weights rate limit (CommittingWeightsTooFast).
     */
    int committingUid(Subnet s, AccountId hotkey) {
        int uid = s.uidOf(hotkey);
        if (uid < 0) {
            throw DispatchException.subtensor("HotKeyNotRegisteredInSubNet");
        }
        if (!rateLimitPassed(s, uid)) {
            throw DispatchException.subtensor("CommittingWeightsTooFast");
        }
        return uid;
    }

    /** The chain's rate limit: accepted if never set, or at least WeightsSetRateLimit blocks ago. */
    boolean rateLimitPassed(Subnet s, int uid) {
        long last = s.lastUpdate.get(uid);
        return last == 0 || rt.block() - last >= s.params.weightsRateLimit();
    }
}
