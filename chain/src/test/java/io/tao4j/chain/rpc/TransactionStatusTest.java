package io.tao4j.chain.rpc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status shapes from the shared spec (subtensor.md §8, PSDK TransactionStatus serde). */
class TransactionStatusTest {
    static TransactionStatus parse(String json) throws Exception {
        return TransactionStatus.parse(FakeNode.JSON.readTree(json));
    }

    @Test
    void parsesEveryStatus() throws Exception {
        String h = "0x03a008636efbe7706f79f2c7d7d4e85ff26a3e67922e5fefab71e7f6d9dab43d";
        assertThat(parse("\"future\"").kind()).isEqualTo(TransactionStatus.Kind.FUTURE);
        assertThat(parse("\"ready\"").isFinal()).isFalse();
        assertThat(parse("{\"broadcast\":[\"12D3KooWA\",\"12D3KooWB\"]}").detail()).containsExactly("12D3KooWA", "12D3KooWB");
        assertThat(parse("{\"inBlock\":\"" + h + "\"}").blockHash()).isEqualTo(h);
        assertThat(parse("{\"inBlock\":\"" + h + "\"}").isFinal()).isFalse();
        assertThat(parse("{\"retracted\":\"" + h + "\"}").isFinal()).isFalse();
        assertThat(parse("{\"finalityTimeout\":\"" + h + "\"}").isFinal()).isTrue();
        assertThat(parse("{\"finalized\":\"" + h + "\"}").blockHash()).isEqualTo(h);
        assertThat(parse("{\"finalized\":{\"hash\":\"" + h + "\",\"index\":3}}").blockHash()).isEqualTo(h);
        assertThat(parse("{\"usurped\":\"0xabcd\"}").detail()).containsExactly("0xabcd");
        assertThat(parse("\"dropped\"").isFinal()).isTrue();
        assertThat(parse("\"invalid\"").isFinal()).isTrue();
    }

    @Test
    void unknownShapesAreNamedErrors() {
        assertThatThrownBy(() -> parse("\"exploded\"")).isInstanceOf(RpcException.class).hasMessageContaining("unknown value \"exploded\"");
        assertThatThrownBy(() -> parse("{\"weird\":1}")).isInstanceOf(RpcException.class).hasMessageContaining("unknown member \"weird\"");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(RpcException.class).hasMessageContaining("unexpected shape");
        assertThatThrownBy(() -> parse("{\"inBlock\":5}")).isInstanceOf(RpcException.class).hasMessageContaining("expected a hash string");
    }
}
