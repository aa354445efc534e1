package io.tao4j.cli;

import io.tao4j.chain.ChainException;
import io.tao4j.chain.Network;
import io.tao4j.chain.rpc.RpcClient;
import io.tao4j.chain.rpc.RpcClients;
import io.tao4j.chain.rpc.RpcConnectionException;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.subtensor.Subtensor;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The btcli subtensor options, as a picocli mixin: {@code --subtensor.network} ({@code --network}; finney, test,
 * archive, local, rao, dev, latent-lite, or an endpoint URL) and {@code --subtensor.chain_endpoint}
 * ({@code --chain}; an endpoint URL, overrides the network), plus {@code --subtensor.timeout}.
 * Without either flag: {@code $BT_CHAIN_ENDPOINT}, else {@code $BT_SUBTENSOR_NETWORK} (the SDK's name) or
 * {@code $BT_NETWORK}, else {@code network} in btcli's config file ({@code tao4j config}), else finney.
 * As in the Bittensor SDK, {@code local} means {@code $BT_SUBTENSOR_CHAIN_ENDPOINT} when that is set.
 *
 * <pre>{@code @Mixin SubtensorOptions subtensor;  ...  try (Subtensor st = subtensor.connectSubtensor()) { ... }}</pre>
 */
public final class SubtensorOptions {

    @Option(names = {"--subtensor.network", "--network"}, paramLabel = "NETWORK",
            description = "finney, test, archive, local, rao, dev, latent-lite, or an endpoint URL (default: $BT_NETWORK,"
                    + " else network in the btcli config, else finney).")
    String network;

    @Option(names = {"--subtensor.chain_endpoint", "--chain"}, paramLabel = "URL",
            description = "Node endpoint (ws://, wss://, http:// or https://); overrides --network (default: $BT_CHAIN_ENDPOINT).")
    String chainEndpoint;

    @Option(names = "--subtensor.timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Timeout for each RPC call in seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds = 30;

    /** Reads the environment; tests replace it. */
    java.util.function.Function<String, String> env = System::getenv;

    /**
     * The network the options select: flag, else environment, else the btcli config, else finney.
     *
     * @throws CliException (exit code 2) naming the valid choices, and where the value came from, when it is not understood
     */
    public Network network() {
        String where = "";
        try {
            Network n;
            if (present(chainEndpoint) || present(network)) {
                n = Network.resolve(network, chainEndpoint);
            } else if (present(env.apply("BT_CHAIN_ENDPOINT"))) {
                where = " (from $BT_CHAIN_ENDPOINT)";
                n = Network.fromEndpoint(env.apply("BT_CHAIN_ENDPOINT"));
            } else if (present(env.apply("BT_SUBTENSOR_NETWORK"))) {
                where = " (from $BT_SUBTENSOR_NETWORK)";
                n = Network.parse(env.apply("BT_SUBTENSOR_NETWORK"));
            } else if (present(env.apply("BT_NETWORK"))) {
                where = " (from $BT_NETWORK)";
                n = Network.parse(env.apply("BT_NETWORK"));
            } else {
                io.tao4j.cli.config.BtcliConfig config = io.tao4j.cli.config.BtcliConfig.load();
                java.util.Optional<String> fromConfig = config.string("network");
                where = " (from network in " + config.path() + "; change it with tao4j config set --network)";
                n = fromConfig.map(Network::parse).orElse(Network.DEFAULT);
            }
            String localOverride = env.apply("BT_SUBTENSOR_CHAIN_ENDPOINT");
            if (n.equals(Network.LOCAL) && present(localOverride)) {
                where = " (from $BT_SUBTENSOR_CHAIN_ENDPOINT)";
                n = new Network("local", Network.fromEndpoint(localOverride).endpoint());
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + where, 2);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The per-call timeout. */
    public Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            throw new CliException("--subtensor.timeout must be between 0 and 86400 seconds, got " + timeoutSeconds, 2);
        }
        return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
    }

    /** Connects to {@link #network()}. */
    public RpcClient connect() {
        return connect(network());
    }

    /**
     * Connects to {@code n} (WebSocket for ws/wss, HTTP POST for http/https).
     *
     * @throws CliException with the transport's explanation when the node cannot be reached
     */
    public RpcClient connect(Network n) {
        try {
            return RpcClients.open(n.endpoint(), timeout());
        } catch (RpcException | IllegalArgumentException e) {
            throw new CliException(withHint(e), e);
        }
    }

    /** {@link Subtensor#connect} to {@link #network()}: the Subtensor owns (and its {@code close} closes) the connection. */
    public Subtensor connectSubtensor() {
        return connectSubtensor(network());
    }

    /**
     * {@link Subtensor#connect} to {@code n} with {@code --subtensor.timeout} per call.
     *
     * @throws CliException with the chain's explanation, and how to choose another endpoint, when the node cannot be reached
     */
    public Subtensor connectSubtensor(Network n) {
        Duration timeout = timeout();
        try {
            return Subtensor.connect(n, Subtensor.Options.defaults().withCallTimeout(timeout));
        } catch (RpcException | ChainException | IllegalArgumentException e) {
            throw new CliException(withHint(e), e);
        }
    }

    /** The chain names the endpoint and the cause; the CLI says which options choose another endpoint. */
    static String withHint(Exception e) {
        if (e instanceof RpcConnectionException) {
            return e.getMessage() + " use --subtensor.chain_endpoint <ws://host:port> or --subtensor.network <finney|test|archive|local|…>"
                    + " to choose another endpoint";
        }
        return e.getMessage();
    }

    /**
     * Aims {@code st}'s timelocked weight commits (commit-reveal subnets) at the right drand chain: on
     * {@code --subtensor.network local} the local network's beacon and block time, read from its discovery
     * document; elsewhere drand quicknet and 12 s blocks (the default, as the Python SDK).
     *
     * @throws CliException naming the document when a local network does not publish one
     */
    public io.tao4j.chain.subtensor.Subtensor timelockFor(io.tao4j.chain.subtensor.Subtensor st) {
        Network n = network();
        if (!n.name().equals(Network.LOCAL.name())) {
            return st;
        }
        io.tao4j.mantis.validator.LocalnetDefaults d = LocalnetDocument.read(LocalnetDocument.of(n, null),
                io.tao4j.mantis.validator.LocalnetDefaults::fetch);
        return st.withTimelock(d.drand(), d.blockTimeSeconds());
    }
}
