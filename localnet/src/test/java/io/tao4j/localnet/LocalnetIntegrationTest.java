package io.tao4j.localnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.rpc.SubstrateRpc;
import io.tao4j.chain.rpc.TransactionStatus;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.tx.TxParams;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G2Point;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Localnet started in-process on free ports, used through the project's own chain client as a neuron would. */
class LocalnetIntegrationTest {
    static Localnet net;
    static WsRpcClient ws;
    static SubstrateRpc rpc;
    static OfflineClient client;
    static final Sr25519KeyPair BOB_VALIDATOR = Sr25519KeyPair.fromUri("//Bob//validator");
    static final Sr25519KeyPair CHARLIE = Sr25519KeyPair.fromUri("//Charlie");

    @BeforeAll
    static void start() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        ws = WsRpcClient.connect(net.rpcUrl());
        rpc = new SubstrateRpc(ws);
        Metadata md = MetadataLoader.fromBytes(rpc.stateGetMetadata(null));
        RuntimeVersion v = rpc.stateGetRuntimeVersion();
        client = new OfflineClient(md, Hex.decode(rpc.chainGetBlockHash(0L)), new RuntimeVersion(v.specVersion(), v.transactionVersion()));
    }

    @AfterAll
    static void stop() {
        if (ws != null) {
            ws.close();
        }
        if (net != null) {
            net.close();
        }
    }

    JsonNode storage(String pallet, String item, Object... keys) {
        return client.decodeStorage(pallet, item, rpc.stateGetStorage(client.storageKey(pallet, item, List.of(keys)), null));
    }

    @Test
    void chainBasicsAndStorageReadThroughTheClient() {
        assertThat(rpc.systemChain()).isEqualTo("tao4j localnet");
        assertThat(rpc.systemProperties().ss58Format()).isEqualTo(42);
        assertThat(client.metadata().pallet("SubtensorModule").index()).isEqualTo(7);
        assertThat(storage("SubtensorModule", "Tempo", 35).asInt()).isEqualTo(20);
        assertThat(storage("SubtensorModule", "Uids", 35, Sr25519KeyPair.fromUri("//Charlie//miner").publicKey()).asInt()).isEqualTo(2);
        assertThat(storage("SubtensorModule", "SubnetworkN", 123).asInt()).isEqualTo(6);
        // keys paged over the Keys(35, *) prefix
        List<String> keys = rpc.stateGetKeysPaged(Hex.encode0x(client.storage().prefix("SubtensorModule", "Keys", List.of(35))), 100, null, null);
        assertThat(keys).hasSize(4);
    }

    @Test
    void setWeightsIsWatchedToFinalityWithItsEvents() throws Exception {
        long nonce = rpc.systemAccountNextIndex(BOB_VALIDATOR.ss58());
        byte[] call = client.encodeCall("SubtensorModule", "set_weights",
                Map.of("netuid", 35, "dests", List.of(2), "weights", List.of(65535), "version_key", 0));
        byte[] tx = client.sign(call, BOB_VALIDATOR, TxParams.immortal(nonce)).bytes();
        List<TransactionStatus> seen = new CopyOnWriteArrayList<>();
        rpc.authorSubmitAndWatchExtrinsic(tx, seen::add);
        for (int i = 0; i < 3; i++) {
            net.produceBlock();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.stream().noneMatch(s -> s.toString().toLowerCase().contains("final")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(seen.toString().toLowerCase()).contains("kind=ready").contains("kind=in_block").contains("kind=finalized");
        assertThat(storage("SubtensorModule", "Weights", 35, 1).toString()).contains("65535");
        // too fast now: refused by the pool with Subtensor's custom error code
        byte[] again = client.sign(call, BOB_VALIDATOR, TxParams.immortal(nonce + 1)).bytes();
        assertThatThrownBy(() -> rpc.authorSubmitExtrinsic(again)).isInstanceOf(RpcException.class)
                .satisfies(e -> {
                    assertThat(((RpcException) e).code()).isEqualTo(1010);
                    assertThat(((RpcException) e).data()).isEqualTo("Custom error: 6");
                });
    }

    @Test
    void staleNonceAndBadSignatureAreRejected() {
        byte[] call = client.encodeCall("Balances", "transfer_keep_alive", Map.of("dest", BOB_VALIDATOR.ss58(), "value", 1_000_000_000L));
        long nonce = rpc.systemAccountNextIndex(CHARLIE.ss58());
        rpc.authorSubmitExtrinsic(client.sign(call, CHARLIE, TxParams.immortal(nonce)).bytes());
        net.produceBlock();
        assertThatThrownBy(() -> rpc.authorSubmitExtrinsic(client.sign(call, CHARLIE, TxParams.immortal(nonce)).bytes()))
                .satisfies(e -> assertThat(((RpcException) e).data()).isEqualTo("Transaction is outdated"));
        byte[] bad = client.sign(call, CHARLIE, TxParams.immortal(nonce + 1)).bytes();
        bad[bad.length - 1] ^= 0x01;
        assertThatThrownBy(() -> rpc.authorSubmitExtrinsic(bad))
                .satisfies(e -> assertThat(((RpcException) e).data()).isEqualTo("Transaction has a bad signature"));
    }

    @Test
    void discoveryBeaconStoreAndPricesWork() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode doc = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(net.httpRpcUrl() + "/localnet.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(doc.get("genesis_hash").asText()).isEqualTo(rpc.chainGetBlockHash(0L));
        String drand = doc.get("drand").get("base_url").asText();
        JsonNode latest = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(drand + "/beacons/quicknet/rounds/latest")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        G2Point pk = G2Point.fromCompressed(Hex.decode(doc.get("drand").get("public_key").asText()));
        assertThat(DrandBls.verify(pk, latest.get("round").asLong(), Hex.decode(latest.get("signature").asText()))).isTrue();
        assertThat(doc.get("subnets").get("35").get("neurons").get(1).get("hotkey_ss58").asText())
                .isEqualTo(Sr25519KeyPair.fromUri("//Charlie//miner").ss58());
        net.produceBlock();
        JsonNode prices = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(doc.get("price_feed").get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(prices.get("prices").get("BTC").asDouble()).isPositive();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(doc.get("payload_store").get("public_base_url").asText() + "/nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void storageSubscriptionSendsInitialValueThenChanges() throws Exception {
        Sr25519KeyPair ferdie = Sr25519KeyPair.fromUri("//Ferdie");
        String key = Hex.encode0x(client.storageKey("System", "Account", List.of(ferdie.publicKey())));
        List<JsonNode> updates = new CopyOnWriteArrayList<>();
        var sub = ws.subscribe("state_subscribeStorage", List.of(List.of(key)), "state_unsubscribeStorage", updates::add);
        waitFor(() -> updates.size() >= 1);
        byte[] call = client.encodeCall("Balances", "transfer_keep_alive", Map.of("dest", CHARLIE.ss58(), "value", 3_000_000_000L));
        rpc.authorSubmitExtrinsic(client.sign(call, ferdie, TxParams.immortal(rpc.systemAccountNextIndex(ferdie.ss58()))).bytes());
        net.produceBlock();
        net.produceBlock(); // a block without changes for this key sends nothing
        waitFor(() -> updates.size() >= 2);
        Thread.sleep(100);
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).get("changes").get(0).get(0).asText()).isEqualTo(key);
        assertThat(updates.get(1).get("changes").get(0).get(1).asText()).isNotEqualTo(updates.get(0).get("changes").get(0).get(1).asText());
        sub.close();
    }

    /** Submits, includes and returns the events of the block that included the extrinsic. */
    String submitAndEvents(Sr25519KeyPair who, String pallet, String call, Map<String, ?> args) throws Exception {
        byte[] tx = client.sign(client.encodeCall(pallet, call, args), who, TxParams.immortal(rpc.systemAccountNextIndex(who.ss58()))).bytes();
        List<TransactionStatus> seen = new CopyOnWriteArrayList<>();
        rpc.authorSubmitAndWatchExtrinsic(tx, seen::add);
        net.produceBlock();
        waitFor(() -> seen.stream().anyMatch(st -> st.toString().toLowerCase().contains("kind=in_block")), () -> pallet + "." + call + " statuses " + seen);
        String hash = seen.stream().filter(st -> st.toString().toLowerCase().contains("kind=in_block")).findFirst().orElseThrow().blockHash();
        byte[] raw = rpc.stateGetStorage(client.storageKey("System", "Events", List.of()), hash);
        return client.decodeStorage("System", "Events", raw).toString();
    }

    long stake(Sr25519KeyPair hot, Sr25519KeyPair cold, int netuid) {
        JsonNode shares = storage("SubtensorModule", "Alpha", hot.publicKey(), cold.publicKey(), netuid);
        JsonNode total = storage("SubtensorModule", "TotalHotkeyShares", hot.publicKey(), netuid);
        long alpha = storage("SubtensorModule", "TotalHotkeyAlpha", hot.publicKey(), netuid).asLong();
        java.math.BigInteger s = io.tao4j.chain.Values.bigInt(shares.isObject() ? shares.get("bits") : shares);
        java.math.BigInteger t = io.tao4j.chain.Values.bigInt(total.isObject() ? total.get("bits") : total);
        return t.signum() == 0 ? 0 : java.math.BigInteger.valueOf(alpha).multiply(s).divide(t).longValue();
    }

    @Test
    void stakeMovesTransfersAndCommitmentsTakeEffectWithTheirEvents() throws Exception {
        Sr25519KeyPair miner = Sr25519KeyPair.fromUri("//Charlie//miner");
        Sr25519KeyPair aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator");
        Sr25519KeyPair dave = Sr25519KeyPair.fromUri("//Dave");
        assertThat(submitAndEvents(CHARLIE, "SubtensorModule", "add_stake",
                Map.of("hotkey", miner.ss58(), "netuid", 35, "amount_staked", 10_000_000_000L))).contains("StakeAdded");
        long before = stake(miner, CHARLIE, 35);
        assertThat(before).isGreaterThanOrEqualTo(10_000_000_000L);
        String moved = submitAndEvents(CHARLIE, "SubtensorModule", "move_stake", Map.of("origin_hotkey", miner.ss58(),
                "destination_hotkey", aggregator.ss58(), "origin_netuid", 35, "destination_netuid", 35, "alpha_amount", before));
        assertThat(moved).contains("StakeMoved").contains("ExtrinsicSuccess");
        assertThat(stake(miner, CHARLIE, 35)).isZero();
        long onAggregator = stake(aggregator, CHARLIE, 35);
        assertThat(onAggregator).isEqualTo(before);
        String transferred = submitAndEvents(CHARLIE, "SubtensorModule", "transfer_stake", Map.of("destination_coldkey", dave.ss58(),
                "hotkey", aggregator.ss58(), "origin_netuid", 35, "destination_netuid", 35, "alpha_amount", onAggregator));
        assertThat(transferred).contains("StakeTransferred");
        assertThat(stake(aggregator, dave, 35)).isEqualTo(onAggregator);
        // moving more than there is fails in the block with the module error
        String failed = submitAndEvents(CHARLIE, "SubtensorModule", "move_stake", Map.of("origin_hotkey", miner.ss58(),
                "destination_hotkey", aggregator.ss58(), "origin_netuid", 35, "destination_netuid", 35, "alpha_amount", 1_000_000_000L));
        assertThat(failed).contains("ExtrinsicFailed").contains("\"index\":7");

        Sr25519KeyPair eveMiner = Sr25519KeyPair.fromUri("//Eve//miner0");
        String url = net.storeUrl() + "/" + eveMiner.ss58();
        String committed = submitAndEvents(eveMiner, "Commitments", "set_commitment",
                Map.of("netuid", 123, "info", Map.of("fields", List.of(Map.of("Raw" + url.length(), url.getBytes())))));
        assertThat(committed).contains("Commitment");
        JsonNode reg = storage("Commitments", "CommitmentOf", 123, eveMiner.publicKey());
        String stored = reg.get("info").get("fields").get(0).fields().next().getValue().asText();
        assertThat(new String(Hex.decode(stored))).isEqualTo(url);
    }

    @Test
    void payloadsUploadedThroughS3AreServedPublicly() throws Exception {
        String hotkey = Sr25519KeyPair.fromUri("//Eve//miner1").ss58();
        try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(URI.create(net.storeUrl())).region(software.amazon.awssdk.regions.Region.of("auto")).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(Localnet.Config.DEFAULT_ACCESS_KEY, Localnet.Config.DEFAULT_SECRET_KEY)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            s3.putObject(b -> b.bucket(Localnet.Config.BUCKET).key(hotkey), software.amazon.awssdk.core.sync.RequestBody.fromString("{\"v\":2}"));
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(net.storeUrl() + "/" + hotkey)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"v\":2}");
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        waitFor(cond, () -> "condition within 5 s");
    }

    static void waitFor(java.util.function.BooleanSupplier cond, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cond.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void runtimeApisAnswerWithRealShapes() {
        byte[] nonce = rpc.stateCall("AccountNonceApi_account_nonce", CHARLIE.publicKey(), null);
        assertThat(nonce).hasSize(4);
        byte[] data = new byte[66];
        System.arraycopy(Sr25519KeyPair.fromUri("//Bob//validator").publicKey(), 0, data, 0, 32);
        System.arraycopy(Sr25519KeyPair.fromUri("//Bob").publicKey(), 0, data, 32, 32);
        data[64] = 35;
        byte[] out = rpc.stateCall("StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid", data, null);
        // runtime API types come from the V16 metadata, fetched as a client does through Metadata_metadata_at_version
        Metadata v16 = MetadataLoader.fromBytes(rpc.stateCall("Metadata_metadata_at_version", new byte[]{16, 0, 0, 0}, null));
        assertThat(v16.version()).isEqualTo(16);
        JsonNode info = io.tao4j.chain.Values.decode(v16.types(),
                v16.runtimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid").output(), out, "stake info");
        assertThat(info.get("stake").asLong()).isEqualTo(10_000_000_000_000L);
        assertThatThrownBy(() -> rpc.stateCall("NoSuchApi_method", new byte[0], null)).isInstanceOf(RpcException.class);
    }
}
