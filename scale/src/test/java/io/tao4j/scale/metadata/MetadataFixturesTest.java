package io.tao4j.scale.metadata;

import io.tao4j.scale.Fixtures;
import io.tao4j.scale.HexCodec;
import io.tao4j.scale.PortableType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataFixturesTest {

    @ParameterizedTest
    @CsvSource({
            "mainnet-spec219.v14.json, 14, 219, 38",
            "testnet-spec233.v14.json, 14, 233, 46",
            "finney-spec343.v14.hex, 14, 343, 60",
            "finney-spec343.v15.hex, 15, 343, 60",
            "finney-spec365.v16.scale, 16, 365, 59",
            "finney-spec393.v16.scale, 16, 393, 69"})
    void decodesCompletelyAndEveryTypeResolves(String file, int version, long spec, int subtensorCalls) {
        Metadata m = Fixtures.metadata(file);
        assertThat(m.version()).isEqualTo(version);
        assertThat(m.specVersion()).isEqualTo(spec);
        assertThat(m.transactionVersion()).isEqualTo(1);
        assertThat(m.pallet("SubtensorModule").index()).isEqualTo(7);
        assertThat(m.pallet(7).name()).isEqualTo("SubtensorModule");
        assertThat(m.calls("SubtensorModule")).hasSize(subtensorCalls);
        // ids are dense and every id resolves
        for (PortableType t : m.types().types()) {
            assertThat(m.types().get(t.id())).isSameAs(t);
        }
        assertThat(m.types().byPath("sp_core::crypto::AccountId32")).hasSize(1);
        // extrinsic parts: MultiAddress, RuntimeCall, MultiSignature in every version
        assertThat(m.types().get(m.extrinsic().addressType()).pathString())
                .isEqualTo("sp_runtime::multiaddress::MultiAddress");
        assertThat(m.types().get(m.extrinsic().signatureType()).pathString()).isEqualTo("sp_runtime::MultiSignature");
        assertThat(m.extrinsic().callType()).isEqualTo(m.callEnumType());
        assertThat(m.types().get(m.callEnumType()).def()).isInstanceOf(io.tao4j.scale.TypeDef.VariantType.class);
        assertThat(m.types().get(m.eventEnumType()).simpleName()).isEqualTo("RuntimeEvent");
        assertThat(m.types().get(m.callEnumType()).simpleName()).isEqualTo("RuntimeCall");
        if (version >= 15) {
            assertThat(m.runtimeApis()).isNotEmpty();
            assertThat(m.callEnumType()).isNotNull();
        } else {
            assertThat(m.runtimeApis()).isEmpty();
        }
    }

    /** Real data inside the blobs: every constant and every storage default decodes exactly with its type. */
    @ParameterizedTest
    @CsvSource({"mainnet-spec219.v14.json", "testnet-spec233.v14.json", "finney-spec343.v14.hex",
            "finney-spec343.v15.hex", "finney-spec365.v16.scale", "finney-spec393.v16.scale"})
    void everyConstantAndStorageDefaultDecodesAndReEncodes(String file) {
        Metadata m = Fixtures.metadata(file);
        int constants = 0;
        int defaults = 0;
        for (Pallet p : m.pallets()) {
            for (Constant c : p.constants().values()) {
                var v = io.tao4j.scale.DynamicCodec.decode(m.types(), c.type(), c.value(), p.name() + "." + c.name());
                assertThat(io.tao4j.scale.DynamicCodec.encode(m.types(), c.type(), v, c.name()))
                        .as(p.name() + "." + c.name()).isEqualTo(c.value());
                constants++;
            }
            for (StorageEntry e : p.storage().values()) {
                if (e.modifier() == StorageEntry.Modifier.DEFAULT) {
                    var v = io.tao4j.scale.DynamicCodec.decode(m.types(), e.valueType(), e.defaultValue(),
                            p.name() + "." + e.name());
                    assertThat(io.tao4j.scale.DynamicCodec.encode(m.types(), e.valueType(), v, e.name()))
                            .as(p.name() + "." + e.name()).isEqualTo(e.defaultValue());
                    defaults++;
                }
            }
        }
        assertThat(constants).isGreaterThan(50);
        assertThat(defaults).isGreaterThan(100);
        assertThat(m.constantValue("SubtensorModule", "InitialTempo").asInt()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"testnet-spec233.v14.json", "finney-spec393.v16.scale"})
    void setWeightsGoldenVector(String file) {
        Metadata m = Fixtures.metadata(file);
        byte[] call = CallEncoder.callData(m, "SubtensorModule", "set_weights",
                Map.of("netuid", 1, "dests", List.of(0), "weights", List.of(65535), "version_key", 0));
        assertThat(HexCodec.encode0x(call)).isEqualTo("0x0700010004000004ffff0000000000000000");
    }
}
