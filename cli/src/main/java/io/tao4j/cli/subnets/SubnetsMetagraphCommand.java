package io.tao4j.cli.subnets;

import io.tao4j.chain.subtensor.Metagraph;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.OperatorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `tao4j subnets metagraph --netuid N [--full]`: the metagraph at one block; --full adds weights and bonds. */
@Command(name = "metagraph", mixinStandardHelpOptions = true,
        description = "The subnet's metagraph: stake, ranks, trust, consensus, incentive, dividends, emission, permits, axons, last update.")
public final class SubnetsMetagraphCommand extends OperatorCommand {
    @Option(names = "--netuid", required = true, paramLabel = "NETUID")
    int netuid;

    @Option(names = "--full", description = "Also the weight and bond matrices.")
    boolean full;

    @Option(names = "--block", paramLabel = "N", description = "Read at this block (default: the best block).")
    Long block;

    @Override
    protected int run(Subtensor st) {
        if (!st.subnetExists(netuid, null)) {
            throw new io.tao4j.cli.CliException("subnet " + netuid + " does not exist");
        }
        Metagraph m = full ? st.fullMetagraph(netuid, block) : st.metagraph(netuid, block);
        if (json) {
            print(SubnetsViews.metagraph(m));
            return 0;
        }
        out().println("metagraph of netuid " + netuid + " at block " + m.block() + " (" + m.n() + " neurons)");
        out().println(SubnetsViews.HEADER);
        m.neurons().forEach(n -> out().println(SubnetsViews.row(n, netuid)));
        if (full) {
            out().println("weights (uid: [dest, u16]…):");
            m.weights().forEach((uid, row) -> out().println("  " + uid + ": " + row));
            out().println("bonds:");
            m.bonds().forEach((uid, row) -> out().println("  " + uid + ": " + row));
        }
        return 0;
    }
}
