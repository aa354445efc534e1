package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * `tao4j stake add`: stake TAO from the coldkey to a hotkey on a subnet (btcli stake add). Safe staking by default:
 * {@code add_stake_limit} with limit price = price × (1 + tolerance), where the runtime has it.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Stake TAO to a hotkey on a subnet.")
public final class StakeAddCommand extends StakeWriteCommand {
    @Option(names = {"--amount"}, paramLabel = "TAO", description = "TAO to stake (9 decimals at most).")
    String amount;

    @Option(names = {"--all", "--stake-all"}, description = "Stake the whole free balance, less the fee and the existential deposit.")
    boolean all;

    @Override
    protected int run(Subtensor st) {
        String hot = hotkey();
        Sr25519KeyPair cold = coldkey();
        String coldSs58 = cold.ss58();
        long rao;
        amountOrAll(amount, all);
        if (all) {
            Balance free = st.balance(coldSs58, null);
            Balance fee = st.estimateFee(cold, c -> OperatorCalls.addStake(c, hot, netuid, 1));
            Balance keep = fee.plus(Balance.ofRao(EXISTENTIAL_DEPOSIT));
            if (free.compareTo(keep) <= 0) {
                throw new CliException("nothing to stake: free balance " + free + " does not cover the fee " + fee);
            }
            rao = free.minus(keep).raoExact();
        } else {
            rao = amount(amount, 0, "--amount").raoExact();
        }
        Balance before = st.stakeBalance(coldSs58, hot, netuid, null);
        Map<String, Object> r = result();
        r.put("netuid", netuid);
        r.put("hotkey", hot);
        r.put("amount", Balance.ofRao(rao).tao());
        boolean limited = safe() && st.client().hasCall(Subtensor.SUBTENSOR, "add_stake_limit");
        long limit = limited ? limitPrice(st, true) : 0;
        r.put("safe_staking", limited);
        String what = "Staking " + Balance.ofRao(rao) + " from " + coldSs58 + " to " + hot + " on netuid " + netuid
                + (limited ? " (limit price " + Balance.ofRao(limit) + " per alpha, partial " + partial + ")" : "");
        return submitStake(st, cold, hot, before, what,
                limited ? c -> OperatorCalls.addStakeLimit(c, hot, netuid, rao, limit, partial)
                : c -> OperatorCalls.addStake(c, hot, netuid, rao), r);
    }
}
