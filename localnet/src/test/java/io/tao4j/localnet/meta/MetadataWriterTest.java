package io.tao4j.localnet.meta;

import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataWriterTest {
    static Path fixture(String name) {
        return Path.of(System.getProperty("tao4j.shared"), "fixtures", "metadata", name);
    }

    /** Real finney V14 metadata, decoded and written back, is byte for byte what the node served. */
    @Test
    void realV14MetadataRoundTripsByteForByte() throws Exception {
        for (String f : new String[]{"finney-spec343.v14.hex", "testnet-spec233.v14.json"}) {
            byte[] original = MetadataLoader.unwrap(Files.readAllBytes(fixture(f)));
            Metadata m = MetadataLoader.fromBytes(original);
            assertThat(MetadataWriter.write(m)).as(f).isEqualTo(original);
        }
    }

    /** Real finney V15 metadata (spec 343, with runtime APIs) round-trips byte for byte too. */
    @Test
    void realV15MetadataRoundTripsByteForByte() throws Exception {
        byte[] original = MetadataLoader.unwrap(Files.readAllBytes(fixture("finney-spec343.v15.hex")));
        Metadata m = MetadataLoader.fromBytes(original);
        assertThat(m.version()).isEqualTo(15);
        assertThat(MetadataWriter.writeV15(m, (p, i) -> true)).isEqualTo(original);
    }

    /** Spec 393 (V16) written as V15 keeps its runtime APIs and outer enums. */
    @Test
    void spec393AsV15KeepsRuntimeApis() throws Exception {
        Metadata v16 = MetadataLoader.load(fixture("finney-spec393.v16.scale"));
        Metadata back = MetadataLoader.fromBytes(MetadataWriter.writeV15(v16, (p, i) -> true));
        assertThat(back.version()).isEqualTo(15);
        assertThat(back.runtimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid").output())
                .isEqualTo(v16.runtimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid").output());
        assertThat(back.callEnumType()).isEqualTo(v16.callEnumType());
        assertThat(back.extrinsic().signedExtensions()).isEqualTo(v16.extrinsic().signedExtensions(0));
        assertThat(back.pallet("SubtensorModule").docs()).isEqualTo(v16.pallet("SubtensorModule").docs());
    }

    /** Spec 393 (V16) written as V14 decodes again with the same pallets, indices, calls and errors. */
    @Test
    void spec393AsV14KeepsPalletsCallsErrorsAndExtensions() throws Exception {
        Metadata v16 = MetadataLoader.load(fixture("finney-spec393.v16.scale"));
        byte[] v14 = MetadataWriter.write(v16, (p, item) -> !p.equals("SubtensorModule") || item.equals("Tempo"));
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
