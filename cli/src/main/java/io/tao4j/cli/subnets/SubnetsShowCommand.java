package io.tao4j.cli.subnets;

import io.tao4j.chain.subtensor.Metagraph;
import io.tao4j.chain.subtensor.SubnetSummary;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.OperatorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** `tao4j subnets show --netuid N`: one subnet and its neurons. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "One subnet: summary and its neurons.")
public final class SubnetsShowCommand extends OperatorCommand {
    @Option(names = "--netuid", required = true, paramLabel = "NETUID")
    int netuid;

    @Override
    protected int run(Subtensor chain) {
        Subtensor st = chain.at();
        SubnetSummary s = st.subnet(netuid, null);
        Metagraph m = st.metagraph(netuid, null);
        if (json) {
            Map<String, Object> r = SubnetsViews.subnet(s);
            r.put("block", m.block());
            r.put("neurons", SubnetsViews.metagraph(m).get("neurons"));
            print(r);
            return 0;
        }
        out().println(SubnetsViews.line(s));
        out().println(SubnetsViews.HEADER);
        m.neurons().forEach(n -> out().println(SubnetsViews.row(n, netuid)));
        return 0;
    }
}
