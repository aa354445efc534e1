package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** `tao4j stake remove`: unstake alpha back to the coldkey (btcli stake remove); safe by default (remove_stake_limit). */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Unstake alpha from a hotkey on a subnet.")
public final class StakeRemoveCommand extends StakeWriteCommand {
    @Option(names = {"--amount"}, paramLabel = "ALPHA", description = "Alpha to unstake (9 decimals at most).")
    String amount;

    @Option(names = {"--all", "--unstake-all"}, description = "Unstake all of it.")
    boolean all;

    @Override
    protected int run(Subtensor st) {
        String hot = hotkey();
        amountOrAll(amount, all);
        Sr25519KeyPair cold = coldkey();
        String coldSs58 = cold.ss58();
        Balance have = st.stakeBalance(coldSs58, hot, netuid, null);
        long rao = all ? have.raoExact() : amount(amount, netuid, "--amount").raoExact();
        if (all && rao == 0) {
            throw new CliException("nothing to unstake: " + coldSs58 + " has no stake on " + hot + " in netuid " + netuid);
        }
        Map<String, Object> r = result();
        r.put("netuid", netuid);
        r.put("hotkey", hot);
        r.put("amount", Balance.ofAlphaRao(rao, netuid).tao());
        boolean limited = safe() && st.client().hasCall(Subtensor.SUBTENSOR, "remove_stake_limit");
        long limit = limited ? limitPrice(st, false) : 0;
        r.put("safe_staking", limited);
        String what = "Unstaking " + Balance.ofAlphaRao(rao, netuid) + " of " + hot + " on netuid " + netuid + " to " + coldSs58
                + " (stake now " + have + ")" + (limited ? " (limit price " + Balance.ofRao(limit) + " per alpha)" : "");
        return submitStake(st, cold, hot, have, what,
                limited ? c -> OperatorCalls.removeStakeLimit(c, hot, netuid, rao, limit, partial)
                : c -> OperatorCalls.removeStake(c, hot, netuid, rao), r);
    }
}
