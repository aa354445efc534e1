package io.tao4j.localnet.runtime;

import java.util.List;
import java.util.TreeSet;

/** Balances and System account data: free balance, total issuance, nonces, fees, {@code transfer_keep_alive}. */
final class BalancesPallet {
    private final SubtensorRuntime rt;

    BalancesPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    void endow(AccountId who, long amount) {
        RuntimeState st = rt.state();
        st.free.merge(who, amount, Math::addExact);
        st.totalIssuance = Math.addExact(st.totalIssuance, amount);
    }

    long freeBalance(AccountId who) {
        return rt.state().free.getOrDefault(who, 0L);
    }

    long totalIssuance() {
        return rt.state().totalIssuance;
    }

    long nonce(AccountId who) {
        return rt.state().nonce.getOrDefault(who, 0L);
    }

    List<AccountId> accounts() {
        TreeSet<AccountId> all = new TreeSet<>(rt.state().free.keySet());
        all.addAll(rt.state().nonce.keySet());
        return List.copyOf(all);
    }

    void incrementNonce(AccountId who) {
        rt.state().nonce.merge(who, 1L, Long::sum);
    }

    void withdrawFee(AccountId who, long fee) {
        long have = freeBalance(who);
        if (have < fee) {
            throw new DispatchException("Balances", "InsufficientBalance");
        }
        rt.state().free.put(who, have - fee);
        rt.state().totalIssuance -= fee;
    }

    /** Burns {@code amount} from {@code who}'s free balance (the caller checked it is there). */
    void burn(AccountId who, long amount) {
        rt.state().free.put(who, freeBalance(who) - amount);
        rt.state().totalIssuance -= amount;
    }

    /** Moves {@code amount} out of {@code who}'s free balance into stake (issuance unchanged). */
    void debit(AccountId who, long amount) {
        rt.state().free.put(who, freeBalance(who) - amount);
    }

    /** Moves {@code amount} into {@code who}'s free balance from stake (issuance unchanged). */
    void credit(AccountId who, long amount) {
        rt.state().free.merge(who, amount, Math::addExact);
    }

    void transferKeepAlive(AccountId from, AccountId to, long amount) {
        long have = freeBalance(from);
        if (amount > have) {
            throw new DispatchException("Balances", "InsufficientBalance");
        }
        if (have - amount < SubtensorRuntime.EXISTENTIAL_DEPOSIT) {
            throw new DispatchException("Balances", "Expendability");
        }
        if (freeBalance(to) + amount < SubtensorRuntime.EXISTENTIAL_DEPOSIT) {
            throw new DispatchException("Balances", "ExistentialDeposit");
        }
        rt.state().free.put(from, have - amount);
        rt.state().free.merge(to, amount, Math::addExact);
        rt.deposit(RuntimeEvent.of("Balances", "Transfer", from, to, amount));
    }

    /**
     * {@code transfer_allow_death}: like a transfer, but the sender may fall below the existential deposit, which
     * reaps its account (the dust left is burnt, as Substrate's balances pallet does).
     */
    void transferAllowDeath(AccountId from, AccountId to, long amount) {
        long have = freeBalance(from);
        if (amount > have) {
            throw new DispatchException("Balances", "InsufficientBalance");
        }
        if (freeBalance(to) + amount < SubtensorRuntime.EXISTENTIAL_DEPOSIT) {
            throw new DispatchException("Balances", "ExistentialDeposit");
        }
        long left = have - amount;
        if (left < SubtensorRuntime.EXISTENTIAL_DEPOSIT) {
            rt.state().free.remove(from);
            rt.state().totalIssuance -= left;
        } else {
            rt.state().free.put(from, left);
        }
        rt.state().free.merge(to, amount, Math::addExact);
        rt.deposit(RuntimeEvent.of("Balances", "Transfer", from, to, amount));
    }

    /** {@code transfer_all(dest, keep_alive)}: the whole free balance, less the existential deposit when kept alive. */
    void transferAll(AccountId from, AccountId to, boolean keepAlive) {
        long have = freeBalance(from);
        long amount = keepAlive ? Math.max(0, have - SubtensorRuntime.EXISTENTIAL_DEPOSIT) : have;
        if (keepAlive) {
            if (amount == 0) {
                return;
            }
            transferKeepAlive(from, to, amount);
        } else {
            transferAllowDeath(from, to, amount);
        }
    }
}
