package io.tao4j.chain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * A Subtensor network: a name and the endpoint to reach it. The named networks and their endpoints
 * are the Bittensor SDK's ({@code bittensor/core/settings.py}) and btcli's: finney, test, archive, local, rao, dev
 * and latent-lite. Like
 * btcli, a network value may also be an endpoint URL; a URL on a known host is named after that network
 * (e.g. {@code wss://entrypoint-finney.opentensor.ai:443} → finney), anything else is "custom".
 *
 * @param name     finney, test, archive, local, rao, dev, latent-lite or custom
 * @param endpoint where to connect (ws, wss, http or https)
 */
public record Network(String name, URI endpoint) {

    public static final Network FINNEY = new Network("finney", URI.create("wss://entrypoint-finney.opentensor.ai:443"));
    public static final Network TEST = new Network("test", URI.create("wss://test.finney.opentensor.ai:443"));
    public static final Network ARCHIVE = new Network("archive", URI.create("wss://archive.chain.opentensor.ai:443"));
    public static final Network LOCAL = new Network("local", URI.create("ws://127.0.0.1:9944"));
    /** btcli's {@code rao} network. */
    public static final Network RAO = new Network("rao", URI.create("wss://rao.chain.opentensor.ai:443"));
    /** btcli's {@code dev} network. */
    public static final Network DEV = new Network("dev", URI.create("wss://dev.chain.opentensor.ai:443"));
    /** Latent Holdings' lite node (btcli and the SDK: {@code latent-lite}). */
    public static final Network LATENT_LITE = new Network("latent-lite", URI.create("wss://lite.sub.latent.to:443"));
    /** The SDK's default network. */
    public static final Network DEFAULT = FINNEY;

    /** The named networks: the SDK's order, then btcli's additions. */
    public static final List<Network> NAMED = List.of(FINNEY, TEST, ARCHIVE, LOCAL, RAO, DEV, LATENT_LITE);

    public Network {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("network name is empty");
        }
        if (endpoint == null) {
            throw new IllegalArgumentException("network " + name + " has no endpoint");
        }
    }

    /**
     * Parses a {@code --subtensor.network} value: a network name (case-insensitive) or an endpoint URL.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static Network parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("network is empty; " + choices());
        }
        String v = value.trim();
        for (Network n : NAMED) {
            if (n.name.equalsIgnoreCase(v)) {
                return n;
            }
        }
        if (v.contains("://")) {
            return fromEndpoint(v);
        }
        throw new IllegalArgumentException("unknown network '" + v + "'; " + choices());
    }

    /**
     * The network for an explicit endpoint URL ({@code --subtensor.chain_endpoint}).
     *
     * @throws IllegalArgumentException if it is not a ws/wss/http/https URL with a host
     */
    public static Network fromEndpoint(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint '" + url + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("ws", "wss", "http", "https").contains(scheme)) {
            throw new IllegalArgumentException("endpoint '" + url + "' must start with ws://, wss://, http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + url + "' has no host");
        }
        return new Network(nameFor(uri.getHost()), uri);
    }

    /**
     * Resolves the two CLI options: an explicit endpoint wins over the network value.
     *
     * @param network       name or URL, or null for the default (finney)
     * @param chainEndpoint URL or null
     */
    public static Network resolve(String network, String chainEndpoint) {
        if (chainEndpoint != null && !chainEndpoint.isBlank()) {
            return fromEndpoint(chainEndpoint);
        }
        return network == null || network.isBlank() ? DEFAULT : parse(network);
    }

    /** True for a URL given directly rather than one of the named networks' endpoints. */
    public boolean isCustomEndpoint() {
        return NAMED.stream().noneMatch(n -> n.equals(this));
    }

    /** btcli's host patterns: the opentensor hosts and loopback addresses. */
    private static String nameFor(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains("entrypoint-finney.opentensor.ai")) {
            return FINNEY.name;
        }
        if (h.contains("test.finney.opentensor.ai")) {
            return TEST.name;
        }
        if (h.contains("archive.chain.opentensor.ai")) {
            return ARCHIVE.name;
        }
        if (h.contains("rao.chain.opentensor.ai")) {
            return RAO.name;
        }
        if (h.contains("dev.chain.opentensor.ai")) {
            return DEV.name;
        }
        if (h.equals("lite.sub.latent.to")) {
            return LATENT_LITE.name;
        }
        if (h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
            return LOCAL.name;
        }
        return "custom";
    }

    private static String choices() {
        return "expected one of finney, test, archive, local, rao, dev, latent-lite, or an endpoint URL"
                + " (ws://host:port or wss://host:port)";
    }

    @Override
    public String toString() {
        return name + " (" + endpoint + ")";
    }
}
