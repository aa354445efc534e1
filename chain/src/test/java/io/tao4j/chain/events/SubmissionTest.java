package io.tao4j.chain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.Values;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.chain.testing.ScriptedRpcClient;
import io.tao4j.chain.tx.Era;
import io.tao4j.chain.tx.SignedExtrinsic;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.chain.tx.TxParams;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submission and receipt against a scripted transport double, with System.Events bytes encoded by the real
 * spec-393 (and spec-233) metadata: success, ExtrinsicFailed resolved to the pallet error name, pool rejection
 * 1010, dropped, fire-and-forget.
 */
class SubmissionTest {
    static final byte[] FINNEY = Hex.decode("0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03");
    static final String BLOCK = "0x" + "ab".repeat(32);
    static final Sr25519KeyPair ALICE = Sr25519KeyPair.fromUri("//Alice");

    static Map<String, Object> dispatchInfo() {
        return Map.of("weight", Map.of("ref_time", 1000, "proof_size", 0), "class", "Normal", "pays_fee", "No");
    }

    static byte[] events(Metadata md, Object... records) {
        int type = md.storage("System", "Events").valueType();
        return Values.encode(md.types(), type, List.of(records), "events");
    }

    static Map<String, Object> record(Object phase, Object event) {
        return Map.of("phase", phase, "event", event, "topics", List.of());
    }

    /** A spec-393 finney client over {@code rpc}. */
    static OnlineClient client(ScriptedRpcClient rpc, Metadata md) {
        return new OnlineClient(rpc, md, FINNEY, new RuntimeVersion(393, 1));
    }

    /** Alice's signed set_weights on netuid 35, signed offline (the client asks the node nothing to sign). */
    static SignedExtrinsic setWeights(Metadata md) {
        return setWeights(client(new ScriptedRpcClient(), md));
    }

    static SignedExtrinsic setWeights(OnlineClient c) {
        byte[] call = c.encodeCall("SubtensorModule", "set_weights",
                Map.of("netuid", 35, "dests", List.of(0), "weights", List.of(65535), "version_key", 0));
        return c.sign(call, ALICE, TxParams.mortal(3, Era.mortal(32, 100), Hex.decode(BLOCK)));
    }

    static ScriptedRpcClient node(SignedExtrinsic xt, byte[] eventBytes, List<JsonNode> statuses) {
        ObjectNode header = ScriptedRpcClient.JSON.createObjectNode().put("parentHash", "0x" + "00".repeat(32))
                .put("number", "0x64").put("stateRoot", "0x" + "00".repeat(32)).put("extrinsicsRoot", "0x" + "00".repeat(32));
        header.putObject("digest").putArray("logs");
        ObjectNode block = ScriptedRpcClient.JSON.createObjectNode();
        block.putObject("block").set("header", header);
        ((ObjectNode) block.get("block")).putArray("extrinsics").add("0x280401000b50e6c4a69201").add(xt.hex());
        return new ScriptedRpcClient()
                .onSubscribe("author_submitAndWatchExtrinsic", p -> statuses)
                .on("chain_getBlock", p -> {
                    assertThat(p.get(0)).isEqualTo(BLOCK);
                    return block;
                })
                .on("state_getStorage", p -> {
                    assertThat(p.get(0)).isEqualTo("0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7");
                    assertThat(p.get(1)).isEqualTo(BLOCK);
                    return ScriptedRpcClient.JSON.getNodeFactory().textNode(Hex.encode0x(eventBytes));
                });
    }

    static List<JsonNode> statuses(String... json) {
        return java.util.Arrays.stream(json).map(s -> {
            try {
                return ScriptedRpcClient.JSON.readTree(s);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }).toList();
    }

    @Test
    void failedExtrinsicIsResolvedToSettingWeightsTooFast() {
        Metadata md = Fixtures.spec393();
        SignedExtrinsic xt = setWeights(md);
        byte[] ev = events(md,
                record(Map.of("ApplyExtrinsic", 0), Map.of("System", Map.of("ExtrinsicSuccess", Map.of("dispatch_info", dispatchInfo())))),
                record(Map.of("ApplyExtrinsic", 1), Map.of("System", Map.of("ExtrinsicFailed", Map.of(
                        "dispatch_error", Map.of("Module", Map.of("index", 7, "error", "0x1c000000")),
                        "dispatch_info", dispatchInfo())))),
                record("Finalization", Map.of("System", Map.of("ExtrinsicSuccess", Map.of("dispatch_info", dispatchInfo())))));
        ScriptedRpcClient rpc = node(xt, ev, statuses("\"ready\"", "{\"broadcast\":[\"peer\"]}", "{\"inBlock\":\"" + BLOCK + "\"}"));
        OnlineClient c = client(rpc, md);

        TxOutcome out = c.submit(xt, OnlineClient.WaitFor.IN_BLOCK, Duration.ofSeconds(5));
        assertThat(out).isInstanceOf(TxOutcome.Included.class);
        TxOutcome.Included inc = (TxOutcome.Included) out;
        assertThat(inc.isSuccess()).isFalse();
        assertThat(inc.index()).isEqualTo(1);
        assertThat(inc.blockHash()).isEqualTo(BLOCK);
        assertThat(inc.error().qualifiedName()).isEqualTo("SubtensorModule.SettingWeightsTooFast");
        assertThat(inc.error().docText()).isNotBlank();
        assertThat(inc.error().sdkMessage()).startsWith("Subtensor returned `SettingWeightsTooFast(Module)` error.");
        assertThat(inc.events()).hasSize(1);
        assertThat(inc.extrinsicHash()).isEqualTo(Hex.encode0x(xt.hash()));
        assertThat(rpc.calls.get(0).params().get(0)).isEqualTo(xt.hex());
    }

    @Test
    void sameErrorBytesNameADifferentErrorOnSpec233() {
        // SettingWeightsTooFast is 29 in T233 (28 in S393): the index is resolved with the block's metadata
        Metadata md = Fixtures.spec233();
        assertThat(Events.moduleError(md, 7, 29).qualifiedName()).isEqualTo("SubtensorModule.SettingWeightsTooFast");
        assertThat(Events.moduleError(md, 7, 28).qualifiedName()).isNotEqualTo("SubtensorModule.SettingWeightsTooFast");
        assertThat(Events.moduleError(md, 7, 250).name()).isNull();
        assertThat(Events.moduleError(md, 7, 250).qualifiedName()).contains("unknown error 250");
    }

    @Test
    void successAfterFinalization() {
        Metadata md = Fixtures.spec393();
        SignedExtrinsic xt = setWeights(md);
        byte[] ev = events(md,
                record(Map.of("ApplyExtrinsic", 1), Map.of("SubtensorModule", Map.of("WeightsSet", List.of(35, 0)))),
                record(Map.of("ApplyExtrinsic", 1), Map.of("System", Map.of("ExtrinsicSuccess", Map.of("dispatch_info", dispatchInfo())))));
        ScriptedRpcClient rpc = node(xt, ev, statuses("{\"inBlock\":\"0x" + "cd".repeat(32) + "\"}", "{\"finalized\":\"" + BLOCK + "\"}"));
        OnlineClient c = client(rpc, md);
        TxOutcome.Included inc = (TxOutcome.Included) c.submit(xt, OnlineClient.WaitFor.FINALIZED, Duration.ofSeconds(5));
        assertThat(inc.isSuccess()).isTrue();
        assertThat(inc.finalized()).isTrue();
        assertThat(inc.events()).extracting(EventRecord::qualifiedName)
                .containsExactly("SubtensorModule.WeightsSet", "System.ExtrinsicSuccess");
        assertThat(inc.events().get(0).fields().toString()).isEqualTo("[35,0]");
    }

    /** A node whose pool refuses every watched submission with {@code refusal}. */
    static ScriptedRpcClient poolRefuses(RpcException refusal) {
        return new ScriptedRpcClient().onSubscribe("author_submitAndWatchExtrinsic", p -> {
            throw refusal;
        });
    }

    @Test
    void poolRejection1010WithCustomCodeIsATypedResult() {
        Metadata md = Fixtures.spec393();
        SignedExtrinsic xt = setWeights(md);
        ScriptedRpcClient rpc = poolRefuses(new RpcException("Invalid Transaction", 1010, "Custom error: 6"))
                .on("author_submitExtrinsic", p -> {
                    throw new RpcException("Invalid Transaction", 1010, "Transaction is outdated");
                });
        OnlineClient c = client(rpc, md);
        TxOutcome.Rejected r = (TxOutcome.Rejected) c.submit(xt, OnlineClient.WaitFor.IN_BLOCK, Duration.ofSeconds(5));
        assertThat(r.code()).isEqualTo(1010);
        assertThat(r.customCode()).isEqualTo(6);
        assertThat(r.reason()).isEqualTo("RateLimitExceeded");
        assertThat(r.isRateLimited()).isTrue();
        assertThat(r.isSuccess()).isFalse();
        TxOutcome.Rejected stale = (TxOutcome.Rejected) c.submit(xt, OnlineClient.WaitFor.NOTHING, Duration.ofSeconds(5));
        assertThat(stale.customCode()).isNull();
        assertThat(stale.reason()).isEqualTo("Transaction is outdated");
        assertThat(stale.message()).contains("outdated");
    }

    @Test
    void priorityTooLowAndDroppedAndFireAndForget() {
        Metadata md = Fixtures.spec393();
        SignedExtrinsic xt = setWeights(md);
        ScriptedRpcClient low = poolRefuses(new RpcException("Priority is too low: (0 vs 0)", 1014,
                "The transaction couldn't enter the pool because of the limit"));
        TxOutcome.Rejected r = (TxOutcome.Rejected) client(low, md).submit(xt, OnlineClient.WaitFor.IN_BLOCK, Duration.ofSeconds(5));
        assertThat(r.code()).isEqualTo(1014);
        assertThat(r.message()).contains("Priority is too low");

        ScriptedRpcClient dropped = new ScriptedRpcClient().onSubscribe("author_submitAndWatchExtrinsic",
                p -> statuses("\"ready\"", "\"dropped\""));
        TxOutcome d = client(dropped, md).submit(xt, OnlineClient.WaitFor.IN_BLOCK, Duration.ofSeconds(5));
        assertThat(d).isInstanceOf(TxOutcome.NotIncluded.class);
        assertThat(d.isSuccess()).isFalse();

        String hash = Hex.encode0x(xt.hash());
        ScriptedRpcClient ff = new ScriptedRpcClient().on("author_submitExtrinsic",
                p -> ScriptedRpcClient.JSON.getNodeFactory().textNode(hash));
        TxOutcome s = client(ff, md).submit(xt, OnlineClient.WaitFor.NOTHING, Duration.ofSeconds(5));
        assertThat(s).isEqualTo(new TxOutcome.Submitted(hash));
    }

    @Test
    void timeoutWithoutInclusionIsAClearError() {
        Metadata md = Fixtures.spec393();
        SignedExtrinsic xt = setWeights(md);
        ScriptedRpcClient rpc = new ScriptedRpcClient().onSubscribe("author_submitAndWatchExtrinsic", p -> statuses("\"ready\""));
        OnlineClient c = client(rpc, md);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.submit(xt, OnlineClient.WaitFor.IN_BLOCK, Duration.ofMillis(50)))
                .hasMessageContaining("inBlock");
    }
}
