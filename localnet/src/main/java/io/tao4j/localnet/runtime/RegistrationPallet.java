package io.tao4j.localnet.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subnets and neurons: subnet creation (owner hotkey as UID 0), hotkey ↔ coldkey association, genesis
 * registration and {@code burned_register} with pruning of the lowest-emission non-immune UID when full.
 */
final class RegistrationPallet {
    private final SubtensorRuntime rt;

    RegistrationPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    Subnet createSubnet(Subnet.Params params) {
        RuntimeState st = rt.state();
        if (st.subnets.containsKey(params.netuid())) {
            throw new IllegalArgumentException("subnet " + params.netuid() + " exists already");
        }
        Subnet s = new Subnet(params);
        st.subnets.put(params.netuid(), s);
        associate(params.ownerHotkey(), params.ownerColdkey());
        appendNeuron(s, params.ownerHotkey());
        return s;
    }

    int registerAtGenesis(int netuid, AccountId coldkey, AccountId hotkey) {
        Subnet s = subnet(netuid);
        checkHotkeyOwnership(hotkey, coldkey);
        associate(hotkey, coldkey);
        return appendNeuron(s, hotkey);
    }

    Optional<Subnet> subnetIfExists(int netuid) {
        return Optional.ofNullable(rt.state().subnets.get(netuid));
    }

    List<Subnet> subnets() {
        return List.copyOf(rt.state().subnets.values());
    }

    Subnet subnet(int netuid) {
        Subnet s = rt.state().subnets.get(netuid);
        if (s == null) {
            throw DispatchException.subtensor("SubnetNotExists");
        }
        return s;
    }

    Optional<AccountId> owner(AccountId hotkey) {
        return Optional.ofNullable(rt.state().owner.get(hotkey));
    }

    boolean hotkeyExists(AccountId hotkey) {
        return rt.state().owner.containsKey(hotkey);
    }

    Map<AccountId, AccountId> owners() {
        return Collections.unmodifiableMap(rt.state().owner);
    }

    List<AccountId> ownedHotkeys(AccountId coldkey) {
        return List.copyOf(rt.state().ownedHotkeys.getOrDefault(coldkey, List.of()));
    }

    Map<AccountId, List<AccountId>> allOwnedHotkeys() {
        return Collections.unmodifiableMap(rt.state().ownedHotkeys);
    }

    void burnedRegister(AccountId coldkey, int netuid, AccountId hotkey) {
        Subnet s = subnet(netuid);
        if (s.uidOf(hotkey) >= 0) {
            throw DispatchException.subtensor("HotKeyAlreadyRegisteredInSubNet");
        }
        checkHotkeyOwnership(hotkey, coldkey);
        long cost = s.params.burn();
        if (rt.balances().freeBalance(coldkey) < cost) {
            throw DispatchException.subtensor("NotEnoughBalanceToStake");
        }
        rt.balances().burn(coldkey, cost);
        associate(hotkey, coldkey);
        int uid;
        if (s.size() < s.params.maxAllowedUids()) {
            uid = appendNeuron(s, hotkey);
        } else {
            uid = pruneCandidate(s);
            replaceNeuron(s, uid, hotkey);
        }
        rt.deposit(RuntimeEvent.of("SubtensorModule", "NeuronRegistered", netuid, uid, hotkey));
    }

    private void checkHotkeyOwnership(AccountId hotkey, AccountId coldkey) {
        AccountId existing = rt.state().owner.get(hotkey);
        if (existing != null && !existing.equals(coldkey)) {
            throw DispatchException.subtensor("NonAssociatedColdKey");
        }
    }

    private void associate(AccountId hotkey, AccountId coldkey) {
        RuntimeState st = rt.state();
        if (st.owner.putIfAbsent(hotkey, coldkey) == null) {
            st.ownedHotkeys.computeIfAbsent(coldkey, k -> new ArrayList<>()).add(hotkey);
        }
    }

    private int appendNeuron(Subnet s, AccountId hotkey) {
        s.keys.add(hotkey);
        s.registeredAt.add(rt.block());
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
            if (rt.block() - s.registeredAt.get(uid) < s.params.immunityPeriod()) {
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
        s.registeredAt.set(uid, rt.block());
        s.lastUpdate.set(uid, 0L);
        s.validatorPermit.set(uid, false);
        s.incentive.set(uid, 0);
        s.dividends.set(uid, 0);
        s.emission.set(uid, 0L);
        s.weights.remove(uid);
    }
}
