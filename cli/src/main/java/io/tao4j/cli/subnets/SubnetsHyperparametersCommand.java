package io.tao4j.cli.subnets;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.OperatorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** `tao4j subnets hyperparameters --netuid N` (btcli sudo get / subnets hyperparameters). */
@Command(name = "hyperparameters", aliases = "hyperparams", mixinStandardHelpOptions = true,
        description = "The subnet's hyperparameters as the chain reports them.")
public final class SubnetsHyperparametersCommand extends OperatorCommand {
    @Option(names = "--netuid", required = true, paramLabel = "NETUID")
    int netuid;

    @Override
    protected int run(Subtensor st) {
        Map<String, JsonNode> hp = st.hyperparameters(netuid, null);
        Map<String, Object> r = result();
        hp.forEach(r::put);
        print(r);
        return 0;
    }
}
