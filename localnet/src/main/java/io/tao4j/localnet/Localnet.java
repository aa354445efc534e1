package io.tao4j.localnet;

import io.tao4j.localnet.internal.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Hex;
import io.tao4j.localnet.beacon.BeaconServer;
import io.tao4j.localnet.beacon.LocalBeacon;
import io.tao4j.localnet.node.BlockLog;
import io.tao4j.localnet.node.DevNode;
import io.tao4j.localnet.node.LocalBeaconFeed;
import io.tao4j.localnet.node.Genesis;
import io.tao4j.localnet.node.NodeMetadata;
import io.tao4j.localnet.node.RpcServer;
import io.tao4j.localnet.prices.PriceFeed;
import io.tao4j.localnet.prices.PriceModel;
import io.tao4j.localnet.store.PayloadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole local network in one process: the Subtensor dev node with its JSON-RPC server, a
 * quicknet-scheme drand beacon, an R2-like payload store and a price feed, each on its own port on
 * 127.0.0.1, and {@code GET /localnet.json} on the RPC port describing them, so neurons started
 * with {@code --subtensor.network local} find everything without further flags.
 */
public final class Localnet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Localnet.class);

    /** What to start. Ports of 0 pick free ports. */
    public record Config(String host, int rpcPort, int drandPort, int storePort, int pricePort, Duration blockTime,
                         Genesis genesis, String drandSeed, int drandPeriod, long priceSeed, Path stateDir,
                         boolean manualBlocks, String storeAccessKey, String storeSecretKey) {
        public Config {
            if (storeAccessKey == null || storeAccessKey.isBlank() || storeSecretKey == null || storeSecretKey.length() < 8) {
                throw new IllegalArgumentException("the store access key id must not be empty and its secret needs 8+ characters");
            }
        }

        public static final String DEFAULT_ACCESS_KEY = "localnet";
        public static final String DEFAULT_SECRET_KEY = "localnet-secret";
        public static final String BUCKET = "mantis";
        /** MANTIS's payload size limit: 25 MB. */
        public static final long MAX_OBJECT_BYTES = 25L * 1024 * 1024;

        /** Defaults: ports 9944 (RPC), 9946 (drand), 9947 (payload store), 9948 (prices), 12 s blocks. */
        public static Config defaults() {
            return new Config("127.0.0.1", 9944, 9946, 9947, 9948, Duration.ofSeconds(12), Genesis.defaults(), "tao4j-localnet",
                    3, 42, null, false, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
        }

        /** The demo cadence: 250 ms blocks and tempo 20 / rate limit 5. */
        public Config fast() {
            return new Config(host, rpcPort, drandPort, storePort, pricePort, Duration.ofMillis(250), genesis.fast(), drandSeed,
                    drandPeriod, priceSeed, stateDir, manualBlocks, storeAccessKey, storeSecretKey);
        }

        /** The same with other payload store credentials (the S3 access key id and secret uploads are signed with). */
        public Config withStoreKeys(String accessKeyId, String secret) {
            return new Config(host, rpcPort, drandPort, storePort, pricePort, blockTime, genesis, drandSeed, drandPeriod,
                    priceSeed, stateDir, manualBlocks, accessKeyId, secret);
        }

        /** The same with another genesis (e.g. a subnet with commit-reveal on). */
        public Config withGenesis(Genesis g) {
            return new Config(host, rpcPort, drandPort, storePort, pricePort, blockTime, g, drandSeed, drandPeriod,
                    priceSeed, stateDir, manualBlocks, storeAccessKey, storeSecretKey);
        }

        /** The same with the chain kept in {@code dir} across restarts. */
        public Config withStateDir(Path dir) {
            return new Config(host, rpcPort, drandPort, storePort, pricePort, blockTime, genesis, drandSeed, drandPeriod,
                    priceSeed, dir, manualBlocks, storeAccessKey, storeSecretKey);
        }

        /** All ports free-chosen, blocks still produced on the timer. */
        public Config onFreePorts() {
            return new Config(host, 0, 0, 0, 0, blockTime, genesis, drandSeed, drandPeriod, priceSeed, stateDir, manualBlocks,
                    storeAccessKey, storeSecretKey);
        }

        /** All ports free-chosen and blocks only on {@link Localnet#produceBlock()} (for tests). */
        public Config forTests() {
            return new Config(host, 0, 0, 0, 0, blockTime, genesis, drandSeed, drandPeriod, priceSeed, stateDir, true,
                    storeAccessKey, storeSecretKey);
        }
    }

    private final Config config;
    private final DevNode node;
    private final RpcServer rpc;
    private final BeaconServer beacon;
    private final PayloadStore store;
    private final PriceFeed prices;
    private final ScheduledExecutorService blocks;
    private final BlockLog blockLog;
    private final Genesis genesis;

    private Localnet(Config config) throws Exception {
        this.config = config;
        NodeMetadata meta = NodeMetadata.load();
        Path dir = config.stateDir();
        ObjectNode saved = null;
        if (dir != null) {
            Files.createDirectories(dir);
            Path g = dir.resolve("genesis.json");
            if (Files.exists(g)) {
                genesis = Genesis.read(g);
                if (!genesis.toJson().equals(config.genesis().toJson())) {
                    log.warn("{} holds the genesis of this chain; the genesis given now is ignored", g);
                }
            } else {
                genesis = config.genesis();
                writeAtomically(g, genesis.toJson());
            }
            Path st = dir.resolve("services.json");
            if (Files.exists(st)) {
                saved = (ObjectNode) Json.MAPPER.readTree(st.toFile());
            }
        } else {
            genesis = config.genesis();
        }
        long genesisTime = saved != null && saved.has("drand_genesis_time") ? saved.get("drand_genesis_time").asLong()
                : Clock.systemUTC().millis() / 1000 - 1;
        LocalBeacon localBeacon = new LocalBeacon(config.drandSeed(), genesisTime, config.drandPeriod(), "quicknet");
        this.node = new DevNode(meta, genesis.build());
        Clock clock = Clock.systemUTC();
        node.setDrandFeed(new LocalBeaconFeed(localBeacon, clock));
        this.prices = PriceFeed.start(PriceModel.mantis(config.priceSeed()), config.host(), config.pricePort());
        node.onBlock(b -> prices.onBlock(b.number()));
        if (dir != null) {
            List<BlockLog.Entry> entries = new ArrayList<>();
            this.blockLog = BlockLog.open(dir.resolve("blocks.log"), entries);
            BlockLog.replay(node, entries);
            if (!entries.isEmpty()) {
                log.info("restored {} blocks from {}", entries.size(), dir);
            }
            node.onBlock(blockLog::append);
        } else {
            this.blockLog = null;
        }
        if (dir != null && saved == null) {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("drand_genesis_time", genesisTime);
            writeAtomically(dir.resolve("services.json"), s.toPrettyString());
        }
        this.beacon = BeaconServer.start(localBeacon, clock, config.host(), config.drandPort());
        this.store = PayloadStore.start(new PayloadStore.Config(Config.BUCKET,
                Map.of(config.storeAccessKey(), config.storeSecretKey()), Config.MAX_OBJECT_BYTES,
                config.stateDir() == null ? null : config.stateDir().resolve("payloads")), config.host(), config.storePort());
        this.rpc = new RpcServer(node, config.host(), config.rpcPort());
        rpc.setDiscovery(this::discovery);
        if (config.manualBlocks()) {
            blocks = null;
        } else {
            blocks = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "localnet-blocks");
                t.setDaemon(true);
                return t;
            });
            long ms = config.blockTime().toMillis();
            blocks.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private static void writeAtomically(Path target, String text) throws java.io.IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts every service. */
    public static Localnet start(Config config) throws Exception {
        return new Localnet(config);
    }

    private void tick() {
        try {
            node.produceBlock();
        } catch (RuntimeException e) {
            log.error("block production failed: {}", e.toString(), e);
        }
    }

    /** Produces one block now (tests with manual blocks). */
    public DevNode.Block produceBlock() {
        return node.produceBlock();
    }

    public DevNode node() {
        return node;
    }

    public String rpcUrl() {
        return "ws://" + config.host() + ":" + rpc.port();
    }

    public String httpRpcUrl() {
        return "http://" + config.host() + ":" + rpc.port();
    }

    public BeaconServer beacon() {
        return beacon;
    }

    public PayloadStore store() {
        return store;
    }

    public PriceFeed prices() {
        return prices;
    }

    public String storeUrl() {
        return "http://" + config.host() + ":" + store.port();
    }

    public String priceUrl() {
        return "http://" + config.host() + ":" + prices.port() + "/latest_prices.json";
    }

    /**
     * The local beacon as a drand {@link io.tao4j.drand.ChainInfo} (the discovery document's {@code drand} section):
     * what a client passes to timelock commit-reveal weights to this network and to verify its pulses.
     */
    public io.tao4j.drand.ChainInfo drandChainInfo() {
        LocalBeacon b = beacon.beacon();
        return new io.tao4j.drand.ChainInfo(b.beaconId(), b.publicKey(), b.period(), b.genesisTime(), b.genesisSeed(),
                b.chainHash(), LocalBeacon.SCHEME);
    }

    /** The discovery document served at {@code GET /localnet.json}. */
    public JsonNode discovery() {
        ObjectMapper om = Json.MAPPER;
        ObjectNode d = om.createObjectNode();
        d.put("kind", "tao4j-localnet");
        d.put("chain", "tao4j localnet");
        d.put("rpc_url", rpcUrl());
        d.put("genesis_hash", "0x" + Hex.encode(node.genesis().hash()));
        d.put("block_time_ms", config.blockTime().toMillis());
        ObjectNode drand = d.putObject("drand");
        drand.put("base_url", beacon.baseUrl());
        drand.put("beacon_id", beacon.beacon().beaconId());
        drand.put("public_key", Hex.encode(beacon.beacon().publicKey()));
        drand.put("period", beacon.beacon().period());
        drand.put("genesis_time", beacon.beacon().genesisTime());
        drand.put("chain_hash", Hex.encode(beacon.beacon().chainHash()));
        drand.put("scheme", LocalBeacon.SCHEME);
        ObjectNode st = d.putObject("payload_store");
        st.put("public_base_url", storeUrl());
        st.put("s3_endpoint", storeUrl());
        st.put("bucket", Config.BUCKET);
        st.put("region", "auto");
        st.put("access_key_id", config.storeAccessKey());
        st.put("secret_access_key", config.storeSecretKey()); // a local dev credential, published on purpose
        st.put("max_object_bytes", Config.MAX_OBJECT_BYTES);
        ObjectNode pf = d.putObject("price_feed");
        pf.put("url", priceUrl());
        pf.put("history_url", "http://" + config.host() + ":" + prices.port() + "/price_history.json");
        ArrayNode hosts = d.putArray("allowed_payload_hosts");
        hosts.add(config.host());
        ObjectNode roles = d.putObject("subnets");
        for (Genesis.SubnetSpec s : genesis.subnets) {
            ObjectNode sn = roles.putObject(String.valueOf(s.netuid));
            sn.put("tempo", s.tempo);
            sn.put("weights_rate_limit", s.weightsRateLimit);
            sn.set("owner", role("owner", s.ownerColdkey, s.ownerHotkey, om));
            ArrayNode neurons = sn.putArray("neurons");
            for (Genesis.Neuron n : s.neurons) {
                neurons.add(role(n.role, n.coldkey, n.hotkey, om));
            }
        }
        return d;
    }

    private static ObjectNode role(String role, String cold, String hot, ObjectMapper om) {
        ObjectNode r = om.createObjectNode();
        if (role != null) {
            r.put("role", role);
        }
        r.put("coldkey", cold);
        r.put("coldkey_ss58", Genesis.resolve(cold).ss58());
        r.put("hotkey", hot);
        r.put("hotkey_ss58", Genesis.resolve(hot).ss58());
        return r;
    }

    @Override
    public void close() {
        if (blocks != null) {
            blocks.shutdown();
            try {
                if (!blocks.awaitTermination(5, TimeUnit.SECONDS)) {
                    blocks.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rpc.close();
        if (blockLog != null) {
            blockLog.close();
        }
        beacon.close();
        store.close();
        prices.close();
    }
}
