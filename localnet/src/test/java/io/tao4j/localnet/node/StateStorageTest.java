package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.storage.StorageCodec;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.Subnet;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import io.tao4j.localnet.runtime.TestGenesis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import static org.assertj.core.api.Assertions.assertThat;

class StateStorageTest {
    static final long TAO = TestGenesis.TAO;
    static NodeMetadata meta;
    static StorageCodec codec;

    static AccountId id(int n) {
        return TestGenesis.id(n, 0);
    }

    @BeforeAll
    static void load() {
        meta = NodeMetadata.load();
        codec = new StorageCodec(meta.v14Model());
    }

    JsonNode read(NavigableMap<ByteKey, byte[]> kv, String pallet, String item, Object... keys) {
        byte[] raw = kv.get(new ByteKey(codec.key(pallet, item, List.of(keys))));
        return codec.decodeValue(codec.entry(pallet, item), raw);
    }

    @Test
    void runtimeStateReadsBackThroughRealSubtensorStorageLayout() {
        SubtensorRuntime rt = new SubtensorRuntime();
        AccountId alice = id(1), owner = id(2), bob = id(3), validator = id(4), charlie = id(5), miner = id(6);
        rt.endow(alice, 1000 * TAO);
        rt.endow(charlie, 50 * TAO);
        TestGenesis.validatorAndMiner(rt, new Subnet.Params(35, alice, owner, 20, 3, 5, 64, 256, 1, false, true, TAO, TAO, 0),
                bob, validator, charlie, miner, 7 * TAO);
        rt.initializeBlock(1);
        byte[] url = "http://127.0.0.1:9000/miner".getBytes(StandardCharsets.UTF_8);
        rt.dispatch(() -> rt.setCommitment(miner, 35, List.of(SubtensorRuntime.CommitmentField.raw(url))));
        rt.incrementNonce(charlie);

        NavigableMap<ByteKey, byte[]> kv = new StateStorage(meta.model()).build(rt, 1, new byte[32], Map.of(0L, new byte[32]), new byte[]{0});

        assertThat(read(kv, "SubtensorModule", "Tempo", 35).asInt()).isEqualTo(20);
        assertThat(read(kv, "SubtensorModule", "WeightsVersionKey", 35).asLong()).isEqualTo(3);
        assertThat(read(kv, "SubtensorModule", "SubnetworkN", 35).asInt()).isEqualTo(3);
        assertThat(read(kv, "SubtensorModule", "Uids", 35, miner.bytes()).asInt()).isEqualTo(2);
        assertThat(read(kv, "SubtensorModule", "Uids", 35, id(99).bytes()).isNull()).isTrue();
        assertThat(read(kv, "SubtensorModule", "Keys", 35, 2).asText()).isEqualTo(miner.ss58());
        assertThat(read(kv, "SubtensorModule", "SubnetOwnerHotkey", 35).asText()).isEqualTo(owner.ss58());
        assertThat(read(kv, "SubtensorModule", "ValidatorPermit", 35).toString()).isEqualTo("[false,true,false]");
        assertThat(read(kv, "SubtensorModule", "TotalHotkeyAlpha", validator.bytes(), 35).asLong()).isEqualTo(7 * TAO);
        JsonNode shares = read(kv, "SubtensorModule", "Alpha", validator.bytes(), bob.bytes(), 35);
        assertThat(shares.toString()).contains(String.valueOf(java.math.BigInteger.valueOf(7 * TAO).shiftLeft(64)));
        assertThat(read(kv, "SubtensorModule", "Owner", miner.bytes()).asText()).isEqualTo(charlie.ss58());
        assertThat(read(kv, "SubtensorModule", "OwnedHotkeys", charlie.bytes()).toString()).contains(miner.ss58());
        JsonNode acct = read(kv, "System", "Account", charlie.bytes());
        assertThat(acct.get("nonce").asLong()).isEqualTo(1);
        assertThat(acct.get("data").get("free").asLong()).isEqualTo(50 * TAO);
        JsonNode reg = read(kv, "Commitments", "CommitmentOf", 35, miner.bytes());
        assertThat(reg.get("block").asLong()).isEqualTo(1);
        assertThat(reg.get("info").get("fields").get(0).toString()).contains("Raw" + url.length);
        // a default value is never stored, like on the real chain...
        for (String pallet : List.of("SubtensorModule", "Commitments", "Balances")) {
            for (var e : meta.v14Model().pallet(pallet).storage().values()) {
                byte[] prefix = codec.prefix(pallet, e.name(), List.of());
                kv.forEach((k, v) -> {
                    if (k.startsWith(prefix) && e.modifier() == io.tao4j.scale.metadata.StorageEntry.Modifier.DEFAULT) {
                        assertThat(v).as(pallet + "." + e.name() + " stored with its default").isNotEqualTo(e.defaultValue());
                    }
                });
            }
        }
        // ...so commit-reveal off must be stored, because spec 393's default is on
        assertThat(kv).containsKey(new ByteKey(codec.key("SubtensorModule", "CommitRevealWeightsEnabled", List.of(35))));
        assertThat(read(kv, "SubtensorModule", "CommitRevealWeightsEnabled", 35).asBoolean()).isFalse();
    }

    @Test
    void servedV14MetadataKeepsExactlyTheMaintainedItems() {
        var v14 = meta.v14Model();
        assertThat(v14.version()).isEqualTo(14);
        assertThat(v14.pallet("SubtensorModule").storage().keySet()).isEqualTo(StateStorage.ITEMS.get("SubtensorModule"));
        assertThat(v14.pallet("Commitments").storage().keySet()).isEqualTo(StateStorage.ITEMS.get("Commitments"));
        assertThat(v14.specVersion()).isEqualTo(393);
    }
}
