package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * `tao4j stake transfer`: give stake on a hotkey to another coldkey (btcli stake transfer, {@code transfer_stake});
 * the hotkey stays, the owner changes, optionally onto another subnet.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Transfer stake (same hotkey) to another coldkey, optionally to another subnet.")
public final class StakeTransferCommand extends StakeShiftCommand {
    @Option(names = {"--dest-ss58", "--dest_ss58", "--dest"}, required = true, paramLabel = "SS58",
            description = "Destination coldkey address.")
    String destColdkey;

    @Option(names = {"--origin-netuid", "--origin_netuid", "--netuid"}, required = true, paramLabel = "NETUID")
    int originNetuid;

    @Option(names = {"--dest-netuid", "--dest_netuid"}, paramLabel = "NETUID", description = "Default: the origin netuid.")
    Integer destNetuid;

    @Option(names = {"--hotkey-ss58"}, paramLabel = "HOTKEY",
            description = "The hotkey the stake is on (SS58 or hotkey name; default: --wallet.hotkey, also spelled "
                    + "--hotkey/-H, which takes an SS58 address too).")
    String hotkey;

    @Override
    protected int run(Subtensor st) {
        checkAmountOrAll();
        String to = address(destColdkey, "--dest-ss58");
        int dn = destNetuid == null ? originNetuid : destNetuid;
        String hot = hotkeySs58(hotkey);
        Sr25519KeyPair cold = coldkey();
        String coldSs58 = cold.ss58();
        End origin = new End(coldSs58, hot, originNetuid);
        Balance have = origin.stake(st);
        long rao = shiftRao(have, originNetuid, asked -> "not enough stake: " + coldSs58 + " holds " + have
                + " on " + hot + " in netuid " + originNetuid + ", asked to transfer " + asked);
        Map<String, Object> r = result();
        r.put("hotkey", hot);
        r.put("origin_netuid", originNetuid);
        r.put("destination_coldkey", to);
        r.put("destination_netuid", dn);
        r.put("amount", Balance.ofAlphaRao(rao, originNetuid).tao());
        return submitShift(st, cold, origin, have, new End(to, hot, dn),
                "Transferring " + Balance.ofAlphaRao(rao, originNetuid) + " on " + hot + " from " + coldSs58
                        + " (netuid " + originNetuid + ") to " + to + " (netuid " + dn + ")",
                c -> OperatorCalls.transferStake(c, to, hot, originNetuid, dn, rao), r);
    }
}
