package io.tao4j.localnet.runtime;

import io.tao4j.crypto.Hex;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stake: a U64F64 share pool per (hotkey, netuid), {@code add_stake} / {@code remove_stake} / {@code move_stake} /
 * {@code transfer_stake} (TAO ↔ alpha 1:1) with Subtensor's {@code validate_stake_transition} checks, and validator
 * permits by top stake.
 */
final class StakingPallet {
    private final SubtensorRuntime rt;

    StakingPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    private static String poolKey(AccountId hotkey, int netuid) {
        return Hex.encode(hotkey.bytes()) + "/" + netuid;
    }

    SharePool pool(AccountId hotkey, int netuid) {
        return rt.state().pools.computeIfAbsent(poolKey(hotkey, netuid), k -> new SharePool());
    }

    Optional<SharePool> poolIfExists(AccountId hotkey, int netuid) {
        return Optional.ofNullable(rt.state().pools.get(poolKey(hotkey, netuid)));
    }

    Map<Map.Entry<AccountId, Integer>, SharePool> pools() {
        Map<Map.Entry<AccountId, Integer>, SharePool> out = new LinkedHashMap<>();
        rt.state().pools.forEach((k, v) -> {
            int slash = k.indexOf('/');
            out.put(Map.entry(new AccountId(Hex.decode(k.substring(0, slash))), Integer.parseInt(k.substring(slash + 1))), v);
        });
        return out;
    }

    long stake(AccountId coldkey, AccountId hotkey, int netuid) {
        return poolIfExists(hotkey, netuid).map(p -> p.value(coldkey)).orElse(0L);
    }

    long totalHotkeyAlpha(AccountId hotkey, int netuid) {
        return poolIfExists(hotkey, netuid).map(SharePool::totalAlpha).orElse(0L);
    }

    void stakeAtGenesis(AccountId coldkey, AccountId hotkey, int netuid, long alpha) {
        rt.registration().subnet(netuid);
        pool(hotkey, netuid).add(coldkey, alpha);
    }

    void addStake(AccountId coldkey, AccountId hotkey, int netuid, long tao) {
        rt.registration().subnet(netuid);
        if (!rt.registration().hotkeyExists(hotkey)) {
            throw DispatchException.subtensor("HotKeyAccountNotExists");
        }
        if (tao < SubtensorRuntime.MIN_STAKE) {
            throw DispatchException.subtensor("AmountTooLow");
        }
        if (rt.balances().freeBalance(coldkey) < tao) {
            throw DispatchException.subtensor("NotEnoughBalanceToStake");
        }
        rt.balances().debit(coldkey, tao);
        pool(hotkey, netuid).add(coldkey, tao);
        rt.deposit(RuntimeEvent.of("SubtensorModule", "StakeAdded", coldkey, hotkey, tao, tao, netuid, 0L));
    }

    void removeStake(AccountId coldkey, AccountId hotkey, int netuid, long alpha) {
        rt.registration().subnet(netuid);
        if (!rt.registration().hotkeyExists(hotkey)) {
            throw DispatchException.subtensor("HotKeyAccountNotExists");
        }
        if (alpha == 0) {
            throw DispatchException.subtensor("AmountTooLow");
        }
        pool(hotkey, netuid).remove(coldkey, alpha);
        rt.balances().credit(coldkey, alpha);
        rt.deposit(RuntimeEvent.of("SubtensorModule", "StakeRemoved", coldkey, hotkey, alpha, alpha, netuid, 0L));
    }

    void moveStake(AccountId coldkey, AccountId originHotkey, AccountId destinationHotkey,
                   int originNetuid, int destinationNetuid, long alpha) {
        validateTransition(coldkey, originHotkey, coldkey, destinationHotkey, originNetuid, destinationNetuid, alpha);
        pool(originHotkey, originNetuid).remove(coldkey, alpha);
        pool(destinationHotkey, destinationNetuid).add(coldkey, alpha);
        rt.deposit(RuntimeEvent.of("SubtensorModule", "StakeMoved", coldkey, originHotkey, originNetuid,
                destinationHotkey, destinationNetuid, alpha));
    }

    void transferStake(AccountId coldkey, AccountId destinationColdkey, AccountId hotkey,
                       int originNetuid, int destinationNetuid, long alpha) {
        validateTransition(coldkey, hotkey, destinationColdkey, hotkey, originNetuid, destinationNetuid, alpha);
        if (!rt.registration().subnet(originNetuid).params.transferEnabled()) {
            throw DispatchException.subtensor("TransferDisallowed");
        }
        pool(hotkey, originNetuid).remove(coldkey, alpha);
        pool(hotkey, destinationNetuid).add(destinationColdkey, alpha);
        rt.deposit(RuntimeEvent.of("SubtensorModule", "StakeTransferred", coldkey, destinationColdkey, hotkey,
                originNetuid, destinationNetuid, alpha));
    }

    /** The alpha price in rao of TAO per alpha: 1.0 on the local network (TAO ↔ alpha 1:1, no AMM pool). */
    static final long PRICE = 1_000_000_000L;

    /**
     * {@code add_stake_limit}: Subtensor's {@code get_max_amount_add} for a pool whose price cannot move (as its
     * stable mechanism): any amount when {@code limitPrice} ≥ the price, else ZeroMaxStakeAmount; then {@code add_stake}.
     */
    void addStakeLimit(AccountId coldkey, AccountId hotkey, int netuid, long tao, long limitPrice, boolean allowPartial) {
        rt.registration().subnet(netuid);
        if (limitPrice < PRICE) {
            throw DispatchException.subtensor("ZeroMaxStakeAmount");
        }
        addStake(coldkey, hotkey, netuid, tao);
    }

    /** {@code remove_stake_limit}: any amount when {@code limitPrice} ≤ the price, else ZeroMaxStakeAmount. */
    void removeStakeLimit(AccountId coldkey, AccountId hotkey, int netuid, long alpha, long limitPrice, boolean allowPartial) {
        rt.registration().subnet(netuid);
        if (limitPrice > PRICE) {
            throw DispatchException.subtensor("ZeroMaxStakeAmount");
        }
        removeStake(coldkey, hotkey, netuid, alpha);
    }

    /** Subtensor's {@code validate_stake_transition} checks, in its order. */
    private void validateTransition(AccountId originCold, AccountId originHot, AccountId destCold, AccountId destHot,
                                    int originNetuid, int destNetuid, long alpha) {
        if (originCold.equals(destCold) && originHot.equals(destHot) && originNetuid == destNetuid) {
            throw DispatchException.subtensor("SameNetuid");
        }
        rt.registration().subnet(originNetuid);
        rt.registration().subnet(destNetuid);
        if (!rt.registration().hotkeyExists(originHot) || !rt.registration().hotkeyExists(destHot)) {
            throw DispatchException.subtensor("HotKeyAccountNotExists");
        }
        if (alpha == 0 || alpha > stake(originCold, originHot, originNetuid)) {
            throw DispatchException.subtensor("NotEnoughStakeToWithdraw");
        }
        if (originNetuid != destNetuid && alpha < SubtensorRuntime.MIN_STAKE) {
            throw DispatchException.subtensor("AmountTooLow");
        }
    }

    /** Validator permits to the {@code maxAllowedValidators} UIDs with the most stake (ties: lower UID). */
    void assignPermits(Subnet s) {
        Integer[] uids = new Integer[s.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = i;
        }
        Arrays.sort(uids, Comparator.<Integer>comparingLong(u -> -totalHotkeyAlpha(s.keys.get(u), s.netuid()))
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
}
