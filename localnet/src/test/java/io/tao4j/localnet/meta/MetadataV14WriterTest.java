package io.tao4j.localnet.meta;

import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataV14WriterTest {
    static Path fixture(String name) {
        return Path.of(System.getProperty("tao4j.shared"), "fixtures", "metadata", name);
    }

    /** Real finney V14 metadata, decoded and written back, is byte for byte what the node served. */
    @Test
    void realV14MetadataRoundTripsByteForByte() throws Exception {
        for (String f : new String[]{"finney-spec343.v14.hex", "testnet-spec233.v14.json"}) {
            byte[] original = MetadataLoader.unwrap(Files.readAllBytes(fixture(f)));
            Metadata m = MetadataLoader.fromBytes(original);
            assertThat(MetadataV14Writer.write(m)).as(f).isEqualTo(original);
        }
    }

    /** Spec 393 (V16) written as V14 decodes again with the same pallets, indices, calls and errors. */
    @Test
    void spec393AsV14KeepsPalletsCallsErrorsAndExtensions() throws Exception {
        Metadata v16 = MetadataLoader.load(fixture("finney-spec393.v16.scale"));
        byte[] v14 = MetadataV14Writer.write(v16, (p, item) -> !p.equals("SubtensorModule") || item.equals("Tempo"));
        Metadata back = MetadataLoader.fromBytes(v14);
        assertThat(back.version()).isEqualTo(14);
        assertThat(back.pallets()).hasSameSizeAs(v16.pallets());
        assertThat(back.pallet("SubtensorModule").index()).isEqualTo(7);
        assertThat(back.call("SubtensorModule", "set_weights")).isEqualTo(v16.call("SubtensorModule", "set_weights"));
        assertThat(back.error("SubtensorModule", "SettingWeightsTooFast").orElseThrow().index()).isEqualTo(28);
        assertThat(back.pallet("SubtensorModule").storage()).containsOnlyKeys("Tempo");
        assertThat(back.extrinsic().signedExtensions()).isEqualTo(v16.extrinsic().signedExtensions(0));
        assertThat(back.specVersion()).isEqualTo(393);
    }
}
