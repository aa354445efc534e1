package io.tao4j.cli;

import io.tao4j.localnet.Localnet;
import io.tao4j.localnet.node.Genesis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code tao4j localnet}: the embedded local network, until Ctrl-C. */
@Command(name = "localnet", mixinStandardHelpOptions = true,
        description = {"Run the embedded local network: a Subtensor dev node (JSON-RPC on ws://127.0.0.1:<rpc-port>),",
                "a quicknet-scheme drand beacon, an R2-like payload store and a price feed, until Ctrl-C.",
                "Neurons started with --subtensor.network local find every service through GET /localnet.json."})
public final class LocalnetCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rpc-port", defaultValue = "9944", description = "JSON-RPC port (WebSocket and HTTP). Default: ${DEFAULT-VALUE}.")
    int rpcPort;

    @Option(names = "--drand-port", defaultValue = "9946", description = "drand HTTP API port. Default: ${DEFAULT-VALUE}.")
    int drandPort;

    @Option(names = "--store-port", defaultValue = "9947", description = "Payload store port (S3 API and public GET). Default: ${DEFAULT-VALUE}.")
    int storePort;

    @Option(names = "--price-port", defaultValue = "9948", description = "Price feed port. Default: ${DEFAULT-VALUE}.")
    int pricePort;

    @Option(names = "--block-time", description = "Seconds between blocks (default 12; --fast uses 0.25).")
    Double blockTime;

    @Option(names = "--fast", description = "Demo cadence: 250 ms blocks, tempo 20, weights rate limit 5.")
    boolean fast;

    @Option(names = "--genesis", description = "Genesis JSON file (see --print-genesis for the format and the default).")
    Path genesisFile;

    @Option(names = "--print-genesis", description = "Print the genesis that would be used (with --fast applied) and exit.")
    boolean printGenesis;

    @Option(names = "--state-dir", description = "Keep the chain (block log), its genesis and uploaded payloads here across restarts.")
    Path stateDir;

    @Option(names = "--store-access-key", defaultValue = "localnet", description = "S3 access key id of the payload store. Default: ${DEFAULT-VALUE}.")
    String storeAccessKey;

    @Option(names = "--store-secret-key", defaultValue = "localnet-secret",
            description = "S3 secret of the payload store (a local dev credential; it is published in /localnet.json). Default: ${DEFAULT-VALUE}.")
    String storeSecretKey;

    @Option(names = "--drand-seed", defaultValue = "tao4j-localnet", description = "Seed of the local drand key. Default: ${DEFAULT-VALUE}.")
    String drandSeed;

    @Option(names = "--price-seed", defaultValue = "42", description = "Seed of the price paths. Default: ${DEFAULT-VALUE}.")
    long priceSeed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Genesis genesis;
        if (genesisFile != null) {
            if (!Files.isRegularFile(genesisFile)) {
                throw new CliException("genesis file " + genesisFile + " does not exist; print the default with --print-genesis and edit it");
            }
            try {
                genesis = Genesis.read(genesisFile);
                genesis.build(); // validate it now: every account resolves, every subnet is sound
            } catch (IllegalArgumentException e) {
                throw new CliException("genesis file " + genesisFile + " is not usable: " + e.getMessage());
            }
        } else {
            genesis = Genesis.defaults();
        }
        if (fast) {
            genesis.fast();
        }
        if (printGenesis) {
            out.println(genesis.toJson());
            out.flush();
            return 0;
        }
        if (blockTime != null && (blockTime < 0.05 || blockTime > 600)) {
            throw new CliException("--block-time must be between 0.05 and 600 seconds");
        }
        Duration bt = blockTime != null ? Duration.ofMillis(Math.round(blockTime * 1000)) : Duration.ofMillis(fast ? 250 : 12_000);
        Localnet.Config cfg;
        try {
            cfg = new Localnet.Config("127.0.0.1", rpcPort, drandPort, storePort, pricePort, bt, genesis,
                    drandSeed, 3, priceSeed, stateDir, false, storeAccessKey, storeSecretKey);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " (--store-access-key / --store-secret-key)");
        }
        Localnet net;
        try {
            net = Localnet.start(cfg);
        } catch (IllegalStateException e) {
            throw new CliException("cannot restore the chain from " + stateDir + ": " + e.getMessage());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new CliException("cannot start the local network: " + e.getMessage()
                    + " (is another localnet running? choose other ports with --rpc-port/--drand-port/--store-port/--price-port)");
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            net.close();
            stop.countDown();
        }, "localnet-shutdown"));
        printBanner(out, net, bt);
        stop.await();
        return 0;
    }

    private static void printBanner(PrintWriter out, Localnet net, Duration bt) {
        var d = net.discovery();
        out.println("tao4j localnet is running (block time " + bt.toMillis() + " ms). Ctrl-C stops it.");
        out.println("  chain RPC      " + net.rpcUrl() + "   (also HTTP POST; discovery: " + net.httpRpcUrl() + "/localnet.json)");
        out.println("  genesis hash   " + d.get("genesis_hash").asText());
        out.println("  drand beacon   " + d.get("drand").get("base_url").asText() + "  public key " + d.get("drand").get("public_key").asText());
        out.println("  payload store  " + d.get("payload_store").get("public_base_url").asText() + "  (S3 bucket '"
                + d.get("payload_store").get("bucket").asText() + "', access key '" + d.get("payload_store").get("access_key_id").asText() + "')");
        out.println("  price feed     " + d.get("price_feed").get("url").asText());
        out.println("Dev accounts (dev phrase, 1 000 000 TAO each): //Alice //Bob //Charlie //Dave //Eve //Ferdie");
        d.get("subnets").fields().forEachRemaining(e -> {
            out.println("Subnet " + e.getKey() + " (tempo " + e.getValue().get("tempo").asInt() + "):");
            var owner = e.getValue().get("owner");
            out.println("  owner       " + owner.get("hotkey").asText() + "  " + owner.get("hotkey_ss58").asText());
            for (var n : e.getValue().get("neurons")) {
                out.printf("  %-11s %-24s %s%n", n.path("role").asText("neuron"), n.get("hotkey").asText(), n.get("hotkey_ss58").asText());
            }
        });
        out.flush();
    }
}
