package io.tao4j.cli.stake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import io.tao4j.scale.ScaleReader;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A local network for the operator command tests, wallets for its genesis keys, a way to run a command while blocks
 * are produced, and independent reads: raw storage bytes decoded here by hand (not the commands' own reads).
 */
public final class OperatorNet implements AutoCloseable {
    public static final long TAO = 1_000_000_000L;
    public final Localnet net;
    public final WsRpcClient ws;
    public final OnlineClient client;
    public final Path wallets;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    public OperatorNet(Path dir) throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        ws = WsRpcClient.connect(net.rpcUrl());
        client = OnlineClient.connect(ws);
        for (int i = 0; i < 3; i++) {
            net.produceBlock();
        }
        wallets = dir.resolve("wallets");
        wallet("bob", "//Bob", Map.of("validator", "//Bob//validator", "mantis", "//Bob//mantis", "fresh", "//Bob//fresh"));
        wallet("charlie", "//Charlie", Map.of("miner", "//Charlie//miner", "aggregator", "//Charlie//aggregator"));
        wallet("alice", "//Alice", Map.of("owner", "//Alice//owner"));
        wallet("temp", "//OperatorTemp", Map.of("default", "//OperatorTemp//hot"));
    }

    public void wallet(String name, String cold, Map<String, String> hotkeys) {
        Wallet w = new Wallet(wallets, name, "default");
        w.setColdkey(KeyfileData.fromUri(cold), null, true);
        hotkeys.forEach((h, uri) -> w.withHotkey(h).setHotkey(KeyfileData.fromUri(uri), null, true));
    }

    public static String ss58(String uri) {
        return Sr25519KeyPair.fromUri(uri).ss58();
    }

    /** Common options: wallet, hotkey, endpoint. */
    public List<String> args(String wallet, String hotkey, String... rest) {
        List<String> a = new ArrayList<>(Arrays.asList(rest));
        a.addAll(List.of("--wallet.path", wallets.toString(), "--wallet.name", wallet, "--wallet.hotkey", hotkey,
                "--subtensor.chain_endpoint", net.rpcUrl()));
        return a;
    }

    /** Runs the command on another thread while producing blocks until it returns. */
    public CliRun run(List<String> args) throws Exception {
        Future<CliRun> f = pool.submit(() -> CliRun.run(args.toArray(String[]::new)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.isDone() && System.nanoTime() < deadline) {
            net.produceBlock();
            Thread.sleep(40);
        }
        return f.get(5, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on another thread while producing blocks (test setup through the library). */
    public <T> T withBlocks(java.util.concurrent.Callable<T> work) throws Exception {
        Future<T> f = pool.submit(work);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.isDone() && System.nanoTime() < deadline) {
            net.produceBlock();
            Thread.sleep(40);
        }
        return f.get(5, TimeUnit.SECONDS);
    }

    /** Runs the command, producing a block only when a transaction waits in the pool (one block per submission). */
    public CliRun runOnDemand(List<String> args) throws Exception {
        Future<CliRun> f = pool.submit(() -> CliRun.run(args.toArray(String[]::new)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.isDone() && System.nanoTime() < deadline) {
            if (net.node().poolSize() > 0) {
                net.produceBlock();
            }
            Thread.sleep(20);
        }
        return f.get(5, TimeUnit.SECONDS);
    }

    public static JsonNode json(CliRun r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    public void produce(int blocks) {
        for (int i = 0; i < blocks; i++) {
            net.produceBlock();
        }
    }

    // ----------------------------------------------------------------------- independent reads (raw storage)

    public byte[] raw(String pallet, String item, List<?> keys) {
        return client.queryRaw(pallet, item, keys, null);
    }

    private static BigInteger le(byte[] b, int from, int len) {
        byte[] be = new byte[len + 1];
        for (int i = 0; i < len; i++) {
            be[len - i] = b[from + i];
        }
        return new BigInteger(be);
    }

    /** System.Account(who).data.free: AccountInfo = nonce, consumers, providers, sufficients (u32 each), free u128. */
    public long free(String ss58) {
        byte[] v = raw("System", "Account", List.of(ss58));
        return v == null ? 0 : le(v, 16, 16).longValueExact();
    }

    /** TotalHotkeyAlpha × Alpha(hot, cold, netuid).bits / TotalHotkeyShares.bits, from raw u64 / u128 values. */
    public long stake(String cold, String hot, int netuid) {
        byte[] share = raw("SubtensorModule", "Alpha", List.of(hot, cold, netuid));
        byte[] total = raw("SubtensorModule", "TotalHotkeyAlpha", List.of(hot, netuid));
        byte[] shares = raw("SubtensorModule", "TotalHotkeyShares", List.of(hot, netuid));
        if (share == null || total == null || shares == null) {
            return 0;
        }
        return le(total, 0, 8).multiply(le(share, 0, 16)).divide(le(shares, 0, 16)).longValueExact();
    }

    /** Weights(netuid, uid): Vec<(u16, u16)> decoded by hand. */
    public Map<Integer, Integer> weights(int netuid, int uid) {
        byte[] v = raw("SubtensorModule", "Weights", List.of(netuid, uid));
        Map<Integer, Integer> out = new TreeMap<>();
        if (v == null) {
            return out;
        }
        ScaleReader r = new ScaleReader(v);
        long n = r.readCompactLong("weights");
        for (long i = 0; i < n; i++) {
            out.put(r.readU16(), r.readU16());
        }
        return out;
    }

    /** Uids(netuid, hotkey) (u16), or null. */
    public Integer uid(int netuid, String hot) {
        byte[] v = raw("SubtensorModule", "Uids", List.of(netuid, hot));
        return v == null ? null : (v[0] & 0xff) | (v[1] & 0xff) << 8;
    }

    /** SubtensorModule storage map (netuid) → u16 value, raw. */
    public int u16(String item, int netuid) {
        byte[] v = raw("SubtensorModule", item, List.of(netuid));
        return v == null ? 0 : (v[0] & 0xff) | (v[1] & 0xff) << 8;
    }

    /**
     * Produces blocks until the subnet's epoch just ran (raw BlocksSinceLastStep = 0): the next tempo − 1 blocks
     * emit nothing into stake, so a stake read before and after a command differs only by what the command did.
     */
    public void afterEpoch(int netuid) {
        byte[] since;
        do {
            net.produceBlock();
            since = raw("SubtensorModule", "BlocksSinceLastStep", List.of(netuid));
        } while (since != null && le(since, 0, 8).signum() != 0); // absent = the default 0
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ws.close();
        net.close();
    }
}
