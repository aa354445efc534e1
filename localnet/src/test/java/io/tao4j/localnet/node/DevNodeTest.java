package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.tx.Era;
import io.tao4j.chain.tx.TxParams;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node accepts what the chain module signs, checks it like a real pool, and records events as finney does. */
class DevNodeTest {
    static NodeMetadata meta;
    static final Sr25519KeyPair ALICE = Sr25519KeyPair.fromUri("//Alice");
    static final Sr25519KeyPair BOB_VALIDATOR = Sr25519KeyPair.fromUri("//Bob//validator");
    static final Sr25519KeyPair CHARLIE = Sr25519KeyPair.fromUri("//Charlie");
    static final AccountId DAVE = new AccountId(Sr25519KeyPair.fromUri("//Dave").publicKey());

    DevNode node;
    OfflineClient client;

    @BeforeAll
    static void load() {
        meta = NodeMetadata.load();
    }

    @BeforeEach
    void start() {
        node = new DevNode(meta, Genesis.defaults().fast().build());
        // a client works from what the node serves: V14 metadata, genesis hash, runtime version
        Metadata served = meta.v14Model();
        client = new OfflineClient(served, node.genesis().hash(), new RuntimeVersion(meta.specVersion(), meta.transactionVersion()));
    }

    byte[] signed(Sr25519KeyPair who, String pallet, String call, Map<String, ?> args, long nonce) {
        return client.sign(client.encodeCall(pallet, call, args), who, TxParams.immortal(nonce)).bytes();
    }

    JsonNode events(DevNode.Block b) {
        byte[] raw = b.storage().orElseThrow().get(new ByteKey(client.storageKey("System", "Events", List.of())));
        return client.decodeStorage("System", "Events", raw);
    }

    long free(AccountId who) {
        DevNode.Block b = node.best();
        byte[] raw = b.storage().orElseThrow().get(new ByteKey(client.storageKey("System", "Account", List.of(who.bytes()))));
        return client.decodeStorage("System", "Account", raw).get("data").get("free").asLong();
    }

    @Test
    void transferIsIncludedWithItsEventsAndFee() {
        AccountId alice = new AccountId(ALICE.publicKey());
        long before = free(alice);
        node.submit(signed(ALICE, "Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 5_000_000_000L), 0), null);
        DevNode.Block b = node.produceBlock();
        assertThat(b.extrinsics()).hasSize(1);
        String ev = events(b).toString();
        assertThat(ev).contains("Transfer").contains("ExtrinsicSuccess");
        assertThat(free(DAVE)).isEqualTo(1_000_005_000_000_000L);
        assertThat(before - free(alice)).isGreaterThan(5_000_000_000L); // plus the fee
        assertThat(node.nextIndex(alice)).isEqualTo(1);
    }

    @Test
    void badSignatureStaleNonceAndDuplicatesAreRejectedAsAPoolWould() {
        byte[] tx = signed(ALICE, "Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 1_000_000_000L), 0);
        byte[] tampered = tx.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> node.submit(tampered, null)).isInstanceOf(TxRejection.class)
                .satisfies(e -> {
                    assertThat(((TxRejection) e).code()).isEqualTo(1010);
                    assertThat(((TxRejection) e).data()).isEqualTo("Transaction has a bad signature");
                });
        node.submit(tx, null);
        assertThatThrownBy(() -> node.submit(tx, null)).satisfies(e -> assertThat(((TxRejection) e).code()).isEqualTo(1013));
        node.produceBlock();
        assertThatThrownBy(() -> node.submit(tx, null)).satisfies(e -> assertThat(((TxRejection) e).data()).isEqualTo("Transaction is outdated"));
        // a client that signs for another chain (wrong genesis) produces a bad signature too
        OfflineClient other = new OfflineClient(meta.v14Model(), new byte[32], new RuntimeVersion(meta.specVersion(), meta.transactionVersion()));
        byte[] foreign = other.sign(other.encodeCall("Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 1L)),
                ALICE, TxParams.immortal(1)).bytes();
        assertThatThrownBy(() -> node.submit(foreign, null)).satisfies(e -> assertThat(((TxRejection) e).data()).isEqualTo("Transaction has a bad signature"));
        assertThatThrownBy(() -> node.submit(new byte[]{4, 1, 2, 3}, null)).satisfies(e -> assertThat(((TxRejection) e).code()).isEqualTo(1001));
    }

    @Test
    void futureNonceWaitsForItsTurn() {
        byte[] second = signed(ALICE, "Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 1_000_000_000L), 1);
        byte[] first = signed(ALICE, "Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 2_000_000_000L), 0);
        node.submit(second, null);
        assertThat(node.produceBlock().extrinsics()).isEmpty();
        assertThat(node.poolSize()).isEqualTo(1);
        node.submit(first, null);
        assertThat(node.nextIndex(new AccountId(ALICE.publicKey()))).isEqualTo(2);
        assertThat(node.produceBlock().extrinsics()).hasSize(2);
        assertThat(free(DAVE)).isEqualTo(1_000_003_000_000_000L);
    }

    @Test
    void mortalTransactionSignedAgainstARecentBlockIsAccepted() {
        node.produceBlock();
        node.produceBlock();
        DevNode.Block birth = node.best();
        Era era = Era.mortal(32, birth.number());
        byte[] tx = client.sign(client.encodeCall("Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 1_000_000_000L)),
                ALICE, TxParams.mortal(0, era, node.block(era.birth(birth.number())).orElseThrow().hash())).bytes();
        node.submit(tx, null);
        assertThat(node.produceBlock().extrinsics()).hasSize(1);
    }

    @Test
    void tooFastWeightsAreRefusedInThePoolOrFailInTheBlockWithTheModuleErrorName() {
        Map<String, Object> weights = Map.of("netuid", 35, "dests", List.of(2), "weights", List.of(65535), "version_key", 0);
        node.submit(signed(BOB_VALIDATOR, "SubtensorModule", "set_weights", weights, 0), null);
        DevNode.Block b = node.produceBlock();
        assertThat(events(b).toString()).contains("WeightsSet").contains("ExtrinsicSuccess");
        assertThatThrownBy(() -> node.submit(signed(BOB_VALIDATOR, "SubtensorModule", "set_weights", weights, 1), null))
                .satisfies(e -> assertThat(((TxRejection) e).data()).isEqualTo("Custom error: 6"));
        // the older behaviour: included, then failed with SettingWeightsTooFast (index from the metadata)
        node.setPoolChecksWeights(false);
        node.submit(signed(BOB_VALIDATOR, "SubtensorModule", "set_weights", weights, 1), null);
        JsonNode ev = events(node.produceBlock());
        assertThat(ev.toString()).contains("ExtrinsicFailed");
        int errorIndex = meta.model().error("SubtensorModule", "SettingWeightsTooFast").orElseThrow().index();
        assertThat(errorIndex).isEqualTo(28);
        assertThat(ev.toString()).contains("\"index\":7");
    }

    @Test
    void watcherSeesReadyInBlockAndFinalized() {
        List<String> seen = new ArrayList<>();
        node.submit(signed(CHARLIE, "Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 1_000_000_000L), 0),
                new DevNode.TxWatcher() {
                    public void ready() { seen.add("ready"); }
                    public void inBlock(byte[] h) { seen.add("inBlock"); }
                    public void finalized(byte[] h) { seen.add("finalized"); }
                    public void invalid(String r) { seen.add("invalid " + r); }
                });
        node.produceBlock();
        node.produceBlock();
        assertThat(seen).containsExactly("ready", "inBlock", "finalized");
        assertThat(node.finalizedBlock().number()).isEqualTo(node.best().number() - DevNode.FINALITY_LAG);
    }
}
