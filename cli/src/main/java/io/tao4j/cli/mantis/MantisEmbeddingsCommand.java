package io.tao4j.cli.mantis;

import io.tao4j.cli.Json;

import io.tao4j.cli.CliException;
import io.tao4j.cli.SubtensorOptions;
import io.tao4j.chain.Network;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.miner.PriceSource;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.model.PriceHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tao4j mantis embeddings`: one set of embeddings, as the miner would seal them, for inspection. */
@Command(name = "embeddings", mixinStandardHelpOptions = true,
        description = {"Print one set of MANTIS embeddings (ticker -> value, config order) as JSON, as the miner seals them",
                "(multi-asset challenges in the per-asset object form).",
                "Prices come from --price-history-file, --price-history-url, or the local network (--subtensor.network local);",
                "with none of them the models give their uninformed answer."})
public final class MantisEmbeddingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SubtensorOptions subtensor;

    @Option(names = "--model", defaultValue = "baseline", description = "baseline or random (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--price-history-url", paramLabel = "URL", description = "Price history service ({\"blocks\":[…],\"prices\":{…}}).")
    String priceHistoryUrl;

    @Option(names = "--price-history-file", paramLabel = "FILE", description = "Price history JSON file of that shape.")
    Path priceHistoryFile;

    @Option(names = "--discovery", paramLabel = "URL", description = "Local network discovery document.")
    String discoveryUrl;

    @Mixin
    ProtocolOption protocol = new ProtocolOption();

    @Override
    public Integer call() {
        protocol.protocol(); // refuses a bad --protocol first
        ModelSet models = MantisMinerCommand.models(model);
        PriceHistory history;
        if (priceHistoryFile != null) {
            try {
                history = PriceHistory.fromHistoryJson(Json.MAPPER.readTree(Files.readAllBytes(priceHistoryFile)));
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("--price-history-file " + priceHistoryFile + ": " + e.getMessage(), 2);
            }
        } else {
            Network network = subtensor.network();
            LocalnetDiscovery local = priceHistoryUrl == null ? MantisMinerCommand.discovery(network, discoveryUrl) : null;
            if (priceHistoryUrl == null && local == null) {
                spec.commandLine().getErr().println("no price history given (--price-history-url, --price-history-file or "
                        + "--subtensor.network local): printing the uninformed embeddings");
                history = PriceHistory.empty();
            } else {
                PriceSource src = MantisMinerCommand.priceSource(priceHistoryUrl, local, null, 60);
                try {
                    history = src.history();
                } catch (IOException e) {
                    throw new CliException("cannot read prices: " + e.getMessage(), 1);
                }
            }
        }
        Map<String, double[]> emb;
        try {
            emb = models.embed(history);
        } catch (IllegalArgumentException e) {
            throw new CliException("model output refused: " + e.getMessage(), 1);
        }
        spec.commandLine().getOut().println(models.json(emb));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
