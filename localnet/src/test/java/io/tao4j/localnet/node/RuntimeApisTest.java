package io.tao4j.localnet.node;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** state_getRuntimeVersion's JSON: Substrate's RuntimeVersion fields in order, camelCase, API ids in hex. */
class RuntimeApisTest {
    @Test
    void runtimeVersionJsonHasSubstratesFieldsInOrder() {
        NodeMetadata meta = NodeMetadata.load();
        Map<String, Object> v = new RuntimeApis(meta).runtimeVersionJson();
        assertThat(v).containsExactly(
                Map.entry("specName", "node-subtensor"),
                Map.entry("implName", "tao4j-localnet"),
                Map.entry("authoringVersion", 1),
                Map.entry("specVersion", meta.specVersion()),
                Map.entry("implVersion", 1),
                Map.entry("apis", v.get("apis")),
                Map.entry("transactionVersion", meta.transactionVersion()),
                Map.entry("systemVersion", 1),
                Map.entry("stateVersion", 1));
        @SuppressWarnings("unchecked")
        List<List<Object>> apis = (List<List<Object>>) v.get("apis");
        assertThat(apis).isNotEmpty();
        assertThat(apis).contains(List.of("0xdf6acb689907609b", 5)); // Core: blake2b-64("Core"), version 5
        for (List<Object> api : apis) {
            assertThat((String) api.get(0)).matches("0x[0-9a-f]{16}");
            assertThat(api.get(1)).isInstanceOf(Integer.class);
        }
    }
}
