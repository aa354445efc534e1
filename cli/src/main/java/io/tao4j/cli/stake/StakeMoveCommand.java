package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * `tao4j stake move`: move stake of this coldkey from one hotkey/subnet to another hotkey/subnet (btcli stake move,
 * {@code move_stake}); {@code --stake-all} / {@code --all} moves all of it.
 */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Move stake between hotkeys and/or subnets (same coldkey).")
public final class StakeMoveCommand extends StakeShiftCommand {
    @Option(names = {"--origin-netuid", "--origin_netuid"}, required = true, paramLabel = "NETUID")
    int originNetuid;

    @Option(names = {"--dest-netuid", "--dest_netuid"}, required = true, paramLabel = "NETUID")
    int destNetuid;

    @Option(names = {"--dest", "--dest-ss58", "--dest_ss58", "--destination-hotkey"}, required = true, paramLabel = "HOTKEY",
            description = "Destination hotkey (SS58 or hotkey name of this wallet).")
    String dest;

    @Option(names = {"--origin-hotkey", "--hotkey-ss58"}, paramLabel = "HOTKEY",
            description = "Origin hotkey (SS58 or hotkey name; default: --wallet.hotkey, also spelled "
                    + "--hotkey/-H, which takes an SS58 address too).")
    String origin;

    @Override
    protected int run(Subtensor st) {
        checkAmountOrAll();
        String from = hotkeySs58(origin);
        String to = hotkeySs58(dest);
        Sr25519KeyPair cold = coldkey();
        String coldSs58 = cold.ss58();
        End source = new End(coldSs58, from, originNetuid);
        Balance have = source.stake(st);
        long rao = shiftRao(have, originNetuid, asked -> "not enough stake: " + from + " on netuid "
                + originNetuid + " holds " + have + " of this coldkey, asked to move " + asked);
        Map<String, Object> r = result();
        r.put("origin_hotkey", from);
        r.put("origin_netuid", originNetuid);
        r.put("destination_hotkey", to);
        r.put("destination_netuid", destNetuid);
        r.put("amount", Balance.ofAlphaRao(rao, originNetuid).tao());
        return submitShift(st, cold, source, have, new End(coldSs58, to, destNetuid),
                "Moving " + Balance.ofAlphaRao(rao, originNetuid) + " from " + from + " (netuid " + originNetuid
                        + ") to " + to + " (netuid " + destNetuid + ")",
                c -> OperatorCalls.moveStake(c, from, to, originNetuid, destNetuid, rao), r);
    }
}
