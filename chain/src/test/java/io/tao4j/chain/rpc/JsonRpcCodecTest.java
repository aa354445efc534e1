package io.tao4j.chain.rpc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec both transports share. */
class JsonRpcCodecTest {

    @Test
    void writesRequests() {
        assertThat(JsonRpcCodec.request(7, "chain_getHeader", List.of("0x01")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"chain_getHeader\",\"params\":[\"0x01\"]}");
        assertThat(JsonRpcCodec.request(8, "system_chain", null)).endsWith("\"params\":[]}");
        assertThatThrownBy(() -> JsonRpcCodec.request(9, "m", List.of(new Object())))
                .isInstanceOf(RpcException.class).hasMessageStartingWith("m: parameters cannot be written as JSON");
    }

    @Test
    void classifiesResponsesNotificationsAndMalformedMessages() {
        assertThat(JsonRpcCodec.parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":null}"))
                .isInstanceOfSatisfying(JsonRpcCodec.Response.class, r -> {
                    assertThat(r.id()).isEqualTo(3);
                    assertThat(r.result().isNull()).isTrue();
                    assertThat(r.error()).isNull();
                });
        assertThat(JsonRpcCodec.parse("{\"id\":4,\"error\":{\"code\":1010,\"message\":\"Invalid Transaction\",\"data\":\"Custom error: 6\"}}"))
                .isInstanceOfSatisfying(JsonRpcCodec.Response.class, r -> {
                    RpcException e = JsonRpcCodec.error("author_submitExtrinsic", r.error());
                    assertThat(e.code()).isEqualTo(1010);
                    assertThat(e.getMessage()).isEqualTo("author_submitExtrinsic: Invalid Transaction (code 1010): Custom error: 6");
                });
        assertThat(JsonRpcCodec.parse("{\"id\":5}")).isInstanceOfSatisfying(JsonRpcCodec.Response.class,
                r -> assertThat(r.result()).isNull());
        assertThat(JsonRpcCodec.parse("{\"method\":\"chain_newHead\",\"params\":{\"subscription\":\"ab\",\"result\":{\"n\":1}}}"))
                .isInstanceOfSatisfying(JsonRpcCodec.Notification.class, n -> {
                    assertThat(n.subscription()).isEqualTo("ab");
                    assertThat(n.result().path("n").asInt()).isEqualTo(1);
                });
        assertThat(JsonRpcCodec.parse("not json")).isInstanceOfSatisfying(JsonRpcCodec.Malformed.class,
                m -> assertThat(m.reason()).startsWith("not JSON"));
        assertThat(JsonRpcCodec.parse("[1]")).isInstanceOfSatisfying(JsonRpcCodec.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo("not a JSON object"));
        assertThat(JsonRpcCodec.parse("{\"id\":\"x\",\"result\":1}")).isInstanceOfSatisfying(JsonRpcCodec.Malformed.class,
                m -> assertThat(m.reason()).contains("not one of ours"));
        assertThat(JsonRpcCodec.parse("{\"method\":\"m\",\"params\":{}}")).isInstanceOfSatisfying(JsonRpcCodec.Malformed.class,
                m -> assertThat(m.reason()).contains("without a subscription id"));
        assertThat(JsonRpcCodec.parse("{\"error\":{}}")).isInstanceOfSatisfying(JsonRpcCodec.Malformed.class,
                m -> assertThat(m.reason()).startsWith("error without an id"));
    }
}
