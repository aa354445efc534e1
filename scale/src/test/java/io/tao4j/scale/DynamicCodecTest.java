package io.tao4j.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.scale.metadata.CallEncoder;
import io.tao4j.scale.metadata.LookupException;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamicCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    private static Metadata m() {
        return Fixtures.metadata("finney-spec393.v16.scale");
    }

    private static Map<String, Object> setWeights(Object dests) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("netuid", 35);
        a.put("dests", dests);
        a.put("weights", List.of(1, 2, 3, 4));
        a.put("version_key", 0);
        return a;
    }

    @Test
    void errorsNameThePath() {
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                setWeights(List.of(1, 2, 3, -1))))
                .isInstanceOf(ValueException.class)
                .hasMessage("set_weights.dests[3]: expected u16, got -1");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                setWeights(List.of(1, 2, "x", 4))))
                .hasMessage("set_weights.dests[2]: expected u16, got \"x\"");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                setWeights(List.of(1, 2, 1.5, 4))))
                .hasMessage("set_weights.dests[2]: expected u16, got 1.5");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                Map.of("netuid", 1, "dests", List.of())))
                .hasMessage("set_weights.weights: missing argument (SubtensorModule.set_weights takes (netuid: u16, "
                        + "dests: Vec<u16>, weights: Vec<u16>, version_key: u64))");
        Map<String, Object> extra = setWeights(List.of());
        extra.put("wieghts", List.of());
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights", extra))
                .hasMessageStartingWith("set_weights: unknown argument 'wieghts'");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "burned_register",
                Map.of("netuid", 1, "hotkey", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX")))
                .hasMessageStartingWith("burned_register.hotkey: expected an SS58 address");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "burned_register",
                Map.of("netuid", 1, "hotkey", "0x1234")))
                .hasMessage("burned_register.hotkey: expected 32 bytes, got 2");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights", "oops"))
                .hasMessageStartingWith("set_weights: arguments must be an object");
        assertThatThrownBy(() -> CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                Map.of("netuid", 65536, "dests", List.of(), "weights", List.of(), "version_key", 0)))
                .hasMessage("set_weights.netuid: expected u16, got 65536");
    }

    @Test
    void unknownNamesListCloseMatches() {
        assertThatThrownBy(() -> m().call("SubtensorModule", "set_weight"))
                .isInstanceOf(LookupException.class)
                .hasMessageStartingWith("unknown call 'SubtensorModule.set_weight'; did you mean: SubtensorModule.set_weights");
        assertThatThrownBy(() -> m().pallet("SubtensorModul"))
                .hasMessageContaining("did you mean: SubtensorModule");
        assertThatThrownBy(() -> m().storage("SubtensorModule", "Uid"))
                .hasMessageContaining("SubtensorModule.Uids");
        assertThatThrownBy(() -> m().runtimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey"))
                .hasMessageContaining("get_stake_info_for_hotkey_coldkey_netuid");
        assertThatThrownBy(() -> Fixtures.metadata("testnet-spec233.v14.json").runtimeApi("StakeInfoRuntimeApi", "x"))
                .hasMessageContaining("V14 has none");
    }

    @Test
    void camelCaseArgumentNamesAndPositionalLists() throws Exception {
        byte[] a = CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                JSON.readTree("{\"netuid\":35,\"dests\":[69],\"weights\":[65535],\"versionKey\":0}"));
        byte[] b = CallEncoder.callData(m(), "SubtensorModule", "set_weights",
                JSON.readTree("[35,[69],[65535],\"0\"]"));
        assertThat(HexCodec.encode(a)).isEqualTo("07002300044500" + "04ffff" + "0000000000000000");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void lookups() {
        Metadata m = m();
        var weights = m.callData("SubtensorModule", "set_weights", Map.of("netuid", 1, "dests", List.of(0),
                "weights", List.of(65535), "version_key", 0));
        assertThat(HexCodec.encode0x(weights)).isEqualTo("0x0700010004000004ffff0000000000000000");
        assertThat(m.error(7, 28).orElseThrow().name()).isEqualTo("SettingWeightsTooFast");
        assertThat(m.error(7, 28).orElseThrow().docText()).isNotBlank();
        assertThat(Fixtures.metadata("testnet-spec233.v14.json").error(7, 29).orElseThrow().name())
                .isEqualTo("SettingWeightsTooFast");
        assertThat(m.error(7, 255)).isEmpty();
        assertThat(m.constantValue("System", "SS58Prefix").asInt()).isEqualTo(42);
        assertThat(m.constantValue("System", "BlockHashCount").asInt()).isEqualTo(2400);
        var api = m.runtimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid");
        assertThat(api.inputs()).extracting(p -> p.name()).containsExactly("hotkey_account", "coldkey_account", "netuid");
        assertThat(api.stateCallName()).isEqualTo("StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid");
        assertThat(m.storage("SubtensorModule", "Uids").keyTypes()).hasSize(2);
        assertThat(m.extrinsic().versions()).containsExactly(4, 5);
        assertThat(m.event(7, 105).orElseThrow().name()).isEqualTo("TimelockedWeightsCommitted");
    }

    @Test
    void optionAndCompactAndDecodeShapes() {
        TypeRegistry t = m().types();
        int optionU64 = t.types().stream().filter(p -> t.describe(p.id()).equals("Option<u64>"))
                .findFirst().orElseThrow().id();
        int compactU32 = t.types().stream().filter(p -> t.describe(p.id()).equals("Compact<u32>"))
                .findFirst().orElseThrow().id();
        assertThat(optionU64).isNotNegative();
        assertThat(HexCodec.encode(DynamicCodec.encode(t, optionU64, null, "o"))).isEqualTo("00");
        assertThat(HexCodec.encode(DynamicCodec.encode(t, optionU64, 5, "o"))).isEqualTo("010500000000000000");
        assertThat(HexCodec.encode(DynamicCodec.encode(t, optionU64, Map.of("Some", 5), "o")))
                .isEqualTo("010500000000000000");
        assertThat(DynamicCodec.decode(t, optionU64, HexCodec.decode("00"), "o").isNull()).isTrue();
        assertThat(DynamicCodec.decode(t, optionU64, HexCodec.decode("01ffffffffffffffff"), "o").asText())
                .isEqualTo("18446744073709551615");
        assertThatThrownBy(() -> DynamicCodec.decode(t, optionU64, HexCodec.decode("02"), "o"))
                .hasMessageContaining("invalid variant index 2");
        assertThatThrownBy(() -> DynamicCodec.decode(t, optionU64, HexCodec.decode("0105"), "o"))
                .hasMessageContaining("truncated input reading u64");
        assertThatThrownBy(() -> DynamicCodec.decode(t, optionU64, HexCodec.decode("000000"), "o"))
                .hasMessageContaining("2 unread trailing byte(s)");
        assertThat(compactU32).isNotNegative();
        assertThat(HexCodec.encode(DynamicCodec.encode(t, compactU32, 16384, "c"))).isEqualTo("02000100");
        assertThat(DynamicCodec.decode(t, compactU32, HexCodec.decode("02000100"), "c").asInt()).isEqualTo(16384);
        assertThatThrownBy(() -> DynamicCodec.encode(t, compactU32, 4294967296L, "c"))
                .hasMessage("c: expected Compact<u32>, got 4294967296");
    }

    @Test
    void preEncodedValuesAndEmptyTypes() {
        Metadata m = m();
        var exts = m.extrinsic().signedExtensions(0);
        List<String> nonEmptyExtra = exts.stream().filter(e -> !m.types().encodesToNothing(e.extraType()))
                .map(e -> e.identifier()).toList();
        List<String> nonEmptyAdditional = exts.stream().filter(e -> !m.types().encodesToNothing(e.additionalSignedType()))
                .map(e -> e.identifier()).toList();
        assertThat(nonEmptyExtra).containsExactly("CheckMortality", "CheckNonce", "ChargeTransactionPayment",
                "CheckMetadataHash");
        assertThat(nonEmptyAdditional).containsExactly("CheckSpecVersion", "CheckTxVersion", "CheckGenesis",
                "CheckMortality", "CheckMetadataHash");
        // extra of the golden extrinsic (golden vectors §5): era 2501, nonce 7, tip 0, mode Disabled
        ScaleWriter w = new ScaleWriter();
        for (var e : exts) {
            Object value = switch (e.identifier()) {
                case "CheckMortality" -> new DynamicCodec.Encoded(HexCodec.decode("2501"));
                case "CheckNonce" -> 7;
                case "ChargeTransactionPayment" -> 0;
                case "CheckMetadataHash" -> Map.of("mode", "Disabled");
                default -> null;
            };
            DynamicCodec.encode(m.types(), e.extraType(), value, e.identifier(), w);
        }
        assertThat(HexCodec.encode(w.toByteArray())).isEqualTo("25011c0000");
        // the era type itself also takes the variant form: Mortal37(1) = 0x25 0x01
        int era = exts.stream().filter(e -> e.identifier().equals("CheckMortality")).findFirst().orElseThrow().extraType();
        assertThat(HexCodec.encode(DynamicCodec.encode(m.types(), era, Map.of("Mortal37", 1), "era"))).isEqualTo("2501");
        assertThat(HexCodec.encode(DynamicCodec.encode(m.types(), era, "Immortal", "era"))).isEqualTo("00");
    }

    @Test
    void variantErrors() {
        Metadata m = m();
        int dispatchError = m.types().byPath("sp_runtime::DispatchError").get(0).id();
        assertThatThrownBy(() -> DynamicCodec.encode(m.types(), dispatchError, "BadOrign", "e"))
                .hasMessageContaining("unknown variant 'BadOrign'").hasMessageContaining("did you mean: BadOrigin");
        assertThatThrownBy(() -> DynamicCodec.encode(m.types(), dispatchError, "Module", "e"))
                .hasMessageContaining("variant Module needs a value");
        assertThatThrownBy(() -> DynamicCodec.encode(m.types(), dispatchError,
                Map.of("Module", Map.of("index", 7, "error", "0x1c")), "e"))
                .hasMessage("e.Module.error: expected 4 bytes, got 1");
    }

    /** BitVec&lt;u8, Lsb0/Msb0&gt; as parity-scale-codec encodes it (compact bit count, then store words). */
    @Test
    void bitSequences() {
        List<PortableType> types = new ArrayList<>();
        types.add(new PortableType(0, List.of(), List.of(), new TypeDef.PrimitiveDef(Primitive.U8), List.of()));
        types.add(new PortableType(1, List.of("bitvec", "order", "Lsb0"), List.of(), new TypeDef.Composite(List.of()),
                List.of()));
        types.add(new PortableType(2, List.of("bitvec", "order", "Msb0"), List.of(), new TypeDef.Composite(List.of()),
                List.of()));
        types.add(new PortableType(3, List.of(), List.of(), new TypeDef.BitSequence(0, 1), List.of()));
        types.add(new PortableType(4, List.of(), List.of(), new TypeDef.BitSequence(0, 2), List.of()));
        types.add(new PortableType(5, List.of(), List.of(), new TypeDef.PrimitiveDef(Primitive.U16), List.of()));
        types.add(new PortableType(6, List.of(), List.of(), new TypeDef.BitSequence(5, 1), List.of()));
        TypeRegistry t = new TypeRegistry(types);
        assertThat(HexCodec.encode(DynamicCodec.encode(t, 3, List.of(true, false, true), "b"))).isEqualTo("0c05");
        assertThat(HexCodec.encode(DynamicCodec.encode(t, 4, "101", "b"))).isEqualTo("0ca0");
        assertThat(HexCodec.encode(DynamicCodec.encode(t, 6, "000000001", "b"))).isEqualTo("240001");
        JsonNode d = DynamicCodec.decode(t, 6, HexCodec.decode("240001"), "b");
        assertThat(d.toString()).isEqualTo("[false,false,false,false,false,false,false,false,true]");
        assertThat(DynamicCodec.encode(t, 6, d, "b")).isEqualTo(HexCodec.decode("240001"));
        assertThatThrownBy(() -> DynamicCodec.decode(t, 3, HexCodec.decode("2401"), "b"))
                .hasMessageContaining("truncated");
    }

    @Test
    void wideIntegers() {
        List<PortableType> types = new ArrayList<>();
        Primitive[] ps = {Primitive.U128, Primitive.I128, Primitive.I8, Primitive.U256, Primitive.STR, Primitive.CHAR};
        for (int i = 0; i < ps.length; i++) {
            types.add(new PortableType(i, List.of(), List.of(), new TypeDef.PrimitiveDef(ps[i]), List.of()));
        }
        TypeRegistry t = new TypeRegistry(types);
        String u128max = "340282366920938463463374607431768211455";
        assertThat(HexCodec.encode(DynamicCodec.encode(t, 0, u128max, "x"))).isEqualTo("ff".repeat(16));
        assertThat(DynamicCodec.decode(t, 0, HexCodec.decode("ff".repeat(16)), "x").asText()).isEqualTo(u128max);
        assertThat(DynamicCodec.decode(t, 0, HexCodec.decode("2a" + "00".repeat(15)), "x").asInt()).isEqualTo(42);
        assertThatThrownBy(() -> DynamicCodec.encode(t, 0, "340282366920938463463374607431768211456", "x"))
                .hasMessage("x: expected u128, got \"340282366920938463463374607431768211456\"");
        assertThat(HexCodec.encode(DynamicCodec.encode(t, 1, -2, "x"))).isEqualTo("fe" + "ff".repeat(15));
        assertThat(DynamicCodec.decode(t, 1, HexCodec.decode("fe" + "ff".repeat(15)), "x").asInt()).isEqualTo(-2);
        assertThatThrownBy(() -> DynamicCodec.encode(t, 2, 128, "x")).hasMessageContaining("expected i8");
        assertThat(DynamicCodec.decode(t, 3, HexCodec.decode("01" + "00".repeat(31)), "x").asInt()).isEqualTo(1);
        assertThat(HexCodec.encode(DynamicCodec.encode(t, 4, "abc", "x"))).isEqualTo("0c616263");
        assertThat(DynamicCodec.decode(t, 5, HexCodec.decode("e9000000"), "x").asText()).isEqualTo("é");
    }
}
