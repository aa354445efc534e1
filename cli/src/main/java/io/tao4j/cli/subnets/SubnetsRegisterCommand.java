package io.tao4j.cli.subnets;

import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.SubnetSummary;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.cli.OperatorCommand;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** `tao4j subnets register --netuid N`: burned registration of the wallet's hotkey (btcli subnets register). */
@Command(name = "register", mixinStandardHelpOptions = true, description = "Register the wallet's hotkey on a subnet by burning TAO.")
public final class SubnetsRegisterCommand extends OperatorCommand {
    @Option(names = "--netuid", required = true, paramLabel = "NETUID")
    int netuid;

    @Override
    protected int run(Subtensor st) {
        String hot = hotkeySs58(null);
        SubnetSummary s = st.subnet(netuid, null);
        Integer existing = st.uidForHotkey(hot, netuid, null);
        if (existing != null) {
            throw new CliException("hotkey " + hot + " is already registered on netuid " + netuid + " as UID " + existing);
        }
        Sr25519KeyPair cold = coldkey();
        Map<String, Object> r = result();
        r.put("netuid", netuid);
        r.put("hotkey", hot);
        r.put("burn_cost", s.burn().tao());
        r.put("balance_before", st.balance(cold.ss58(), null).tao());
        submit(st, cold, "Registering " + hot + " on netuid " + netuid + " for " + s.burn() + " (burned)",
                c -> OperatorCalls.burnedRegister(c, netuid, hot), r);
        Subtensor after = st.at();
        r.put("uid", after.uidForHotkey(hot, netuid, null));
        r.put("balance_after", after.balance(cold.ss58(), null).tao());
        print(r);
        return 0;
    }
}
