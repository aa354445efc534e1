package io.tao4j.scale.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.scale.Fixtures;
import io.tao4j.scale.HexCodec;
import io.tao4j.scale.TypeDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares every fact in fixtures/vectors/subtensor_metadata_summary.json (made with @polkadot/types
 * from the same blobs) with what our decoder reads: pallet indices, signed extensions with their types,
 * the storage items and calls the neurons use (including absent ones), all error variants in order and
 * the listed events.
 */
class MetadataSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks one item found under its "Pallet.Name" key against the summary's facts. */
    interface ItemCheck<T> {
        void check(String key, T found, JsonNode expected);
    }

    /**
     * For each "Pallet.Name" entry of {@code section}: a null entry must be absent from {@code find}, any other
     * present and pass {@code check}. Returns how many were checked present.
     */
    static <T> int checkNamed(JsonNode section, BiFunction<String, String, Optional<T>> find, String what, ItemCheck<T> check) {
        int checked = 0;
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] pi = e.getKey().split("\\.");
            Optional<T> found = find.apply(pi[0], pi[1]);
            if (e.getValue().isNull()) {
                assertThat(found).as(e.getKey()).isEmpty();
                continue;
            }
            check.check(e.getKey(), found.orElseThrow(() -> new AssertionError("missing " + what + " " + e.getKey())), e.getValue());
            checked++;
        }
        return checked;
    }

    static JsonNode summary(String file) throws IOException {
        return JSON.readTree(Fixtures.vectors("subtensor_metadata_summary.json").toFile())
                .get(Fixtures.BLOBS.get(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mainnet-spec219.v14.json", "testnet-spec233.v14.json", "finney-spec343.v14.hex",
            "finney-spec343.v15.hex", "finney-spec365.v16.scale", "finney-spec393.v16.scale"})
    void matchesPolkadotJsSummary(String file) throws IOException {
        JsonNode s = summary(file);
        Metadata m = Fixtures.metadata(file);
        PjsTypeNames names = new PjsTypeNames(m.types());
        if (!file.endsWith(".v15.hex")) {
            assertThat(m.version()).isEqualTo(s.get("metadataVersion").asInt());
        }
        assertThat(m.specVersion()).isEqualTo(s.get("specVersion").asLong());
        assertThat(m.transactionVersion()).isEqualTo(s.get("transactionVersion").asLong());

        // pallets: exactly these names at these indices
        Map<String, Integer> expectedPallets = new LinkedHashMap<>();
        s.get("pallets").fields().forEachRemaining(e -> expectedPallets.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> actualPallets = new LinkedHashMap<>();
        m.pallets().forEach(p -> actualPallets.put(p.name(), p.index()));
        assertThat(actualPallets).containsExactlyEntriesOf(expectedPallets);

        // signed extensions in order, with extra and additional-signed types
        List<String> expectedExt = new ArrayList<>();
        s.get("signedExtensions").forEach(e -> expectedExt.add(e.get("id").asText() + " extra=" + e.get("extra").asText()
                + " add=" + e.get("additionalSigned").asText()));
        List<String> actualExt = new ArrayList<>();
        for (SignedExtension e : m.extrinsic().signedExtensions(0)) {
            actualExt.add(e.identifier() + " extra=" + names.top(e.extraType()) + " add="
                    + names.top(e.additionalSignedType()));
        }
        assertThat(actualExt).containsExactlyElementsOf(expectedExt);

        // storage items
        int storageChecked = checkNamed(s.get("storage"), m::findStorage, "storage", (key, se, x) -> {
            assertThat(se.modifier().name()).as(key).isEqualToIgnoringCase(x.get("modifier").asText());
            assertThat(HexCodec.encode0x(se.defaultValue())).as(key).isEqualTo(x.get("default").asText());
            assertThat(se.isMap() ? "Map" : "Plain").as(key).isEqualTo(x.get("kind").asText());
            assertThat(names.top(se.valueType())).as(key).isEqualTo(x.get("value").asText());
            if (se.isMap()) {
                List<String> hashers = new ArrayList<>();
                x.get("hashers").forEach(h -> hashers.add(h.asText()));
                assertThat(se.hashers().stream().map(Enum::name).toList()).as(key).isEqualTo(hashers);
                List<String> keys = new ArrayList<>();
                x.get("keys").forEach(h -> keys.add(h.asText()));
                assertThat(se.keyTypes().stream().map(names::top).toList()).as(key).isEqualTo(keys);
            }
        });
        assertThat(storageChecked).isGreaterThan(25);

        // calls
        checkNamed(s.get("calls"), m::findCall, "call", (key, c, x) -> {
            assertThat(c.palletIndex()).as(key).isEqualTo(x.get("palletIndex").asInt());
            assertThat(c.index()).as(key).isEqualTo(x.get("callIndex").asInt());
            List<String> expectedArgs = new ArrayList<>();
            x.get("args").forEach(a -> expectedArgs.add(a.get("name").asText() + ":" + a.get("type").asText() + ":"
                    + a.get("typeName").asText()));
            List<String> actualArgs = new ArrayList<>();
            for (TypeDef.Field f : c.fields()) {
                actualArgs.add(f.name() + ":" + names.top(f.type()) + ":" + f.typeName());
            }
            assertThat(actualArgs).as(key).isEqualTo(expectedArgs);
            // and the reverse lookup by indices
            assertThat(m.call(c.palletIndex(), c.index()).orElseThrow().name()).isEqualTo(c.name());
        });

        // all error variants, in order
        Iterator<Map.Entry<String, JsonNode>> et = s.get("errors").fields();
        while (et.hasNext()) {
            Map.Entry<String, JsonNode> e = et.next();
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(v -> expected.add(v.get(0).asInt() + " " + v.get(1).asText()));
            List<String> actual = m.errors(e.getKey()).stream().map(v -> v.index() + " " + v.name()).toList();
            assertThat(actual).as(e.getKey()).isEqualTo(expected);
            int palletIndex = m.pallet(e.getKey()).index();
            for (JsonNode v : e.getValue()) {
                VariantInfo vi = m.error(palletIndex, v.get(0).asInt()).orElseThrow();
                assertThat(vi.name()).isEqualTo(v.get(1).asText());
                assertThat(vi.docs()).isNotNull();
            }
        }

        // the listed events: index, name, argument types
        Iterator<Map.Entry<String, JsonNode>> ev = s.get("events").fields();
        while (ev.hasNext()) {
            Map.Entry<String, JsonNode> e = ev.next();
            int palletIndex = m.pallet(e.getKey()).index();
            for (JsonNode v : e.getValue()) {
                VariantInfo vi = m.event(palletIndex, v.get(0).asInt()).orElseThrow();
                assertThat(vi.name()).isEqualTo(v.get(1).asText());
                List<String> expected = new ArrayList<>();
                v.get(2).forEach(a -> expected.add(a.asText()));
                assertThat(vi.fields().stream().map(f -> names.top(f.type())).toList())
                        .as(e.getKey() + "." + vi.name()).isEqualTo(expected);
            }
        }
    }
}
