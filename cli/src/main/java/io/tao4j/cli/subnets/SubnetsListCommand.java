package io.tao4j.cli.subnets;

import io.tao4j.chain.subtensor.SubnetSummary;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.OperatorCommand;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `tao4j subnets list`: every subnet at one block. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Every subnet: size, tempo, burn, owner.")
public final class SubnetsListCommand extends OperatorCommand {
    @Override
    protected int run(Subtensor chain) {
        Subtensor st = chain.at();
        List<SubnetSummary> all = st.subnets(null);
        if (json) {
            Map<String, Object> r = result();
            r.put("block", st.currentBlock());
            List<Object> subnets = new ArrayList<>();
            all.forEach(s -> subnets.add(SubnetsViews.subnet(s)));
            r.put("subnets", subnets);
            print(r);
            return 0;
        }
        out().println("subnets at block " + st.currentBlock());
        all.forEach(s -> out().println(SubnetsViews.line(s)));
        return 0;
    }
}
