package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Hex;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.Subnet;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.PortableType;
import io.tao4j.scale.ScaleReader;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.RuntimeApi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime APIs the node answers through {@code state_call}, with the input and output types of
 * real Subtensor's metadata: Core, Metadata, AccountNonceApi, TransactionPaymentApi.query_info,
 * StakeInfoRuntimeApi, NeuronInfoRuntimeApi (lite) and SubnetInfoRuntimeApi.get_subnet_hyperparams_v2.
 * Output structs start from the type's zero value and get the fields the local runtime knows.
 */
public final class RuntimeApis {
    /** The APIs announced in {@code state_getRuntimeVersion}'s {@code apis} list, with their versions. */
    static final Map<String, Integer> VERSIONS = Map.of("Core", 5, "Metadata", 2, "AccountNonceApi", 1,
            "TransactionPaymentApi", 4, "StakeInfoRuntimeApi", 1, "NeuronInfoRuntimeApi", 1, "SubnetInfoRuntimeApi", 1, "SwapRuntimeApi", 1);

    private final NodeMetadata meta;
    private final Metadata md;

    public RuntimeApis(NodeMetadata meta) {
        this.meta = meta;
        this.md = meta.model();
    }

    /** {@code state_getRuntimeVersion} JSON shape (polkadot-js reads {@code apis} to find runtime calls). */
    public Map<String, Object> runtimeVersionJson() {
        // Core_version's fields as Substrate serialises RuntimeVersion: camelCase, hex API ids, plus stateVersion
        Map<String, Object> v = new LinkedHashMap<>();
        coreVersion().forEach((field, value) -> v.put(camelCase(field), field.equals("apis") ? hexApiIds() : value));
        v.put("stateVersion", 1);
        return v;
    }

    private static List<List<Object>> hexApiIds() {
        List<List<Object>> apis = new ArrayList<>();
        VERSIONS.forEach((name, ver) -> apis.add(List.of("0x" + Hex.encode(apiId(name)), ver)));
        return apis;
    }

    private static String camelCase(String snake) {
        StringBuilder b = new StringBuilder(snake.length());
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            b.append(c == '_' && i + 1 < snake.length() ? Character.toUpperCase(snake.charAt(++i)) : c);
        }
        return b.toString();
    }

    /** The 8-byte API id: blake2b-64 of the trait name. */
    static byte[] apiId(String name) {
        return Hashes.blake2b(name.getBytes(StandardCharsets.UTF_8), 8);
    }

    /**
     * Answers {@code state_call(method, data)} with SCALE bytes. Throws {@link IllegalArgumentException}
     * naming the problem for an unknown method or undecodable input.
     */
    public byte[] call(String method, byte[] data, SubtensorRuntime rt, DevNode node) {
        int us = method.indexOf('_');
        if (us <= 0) {
            throw new IllegalArgumentException("'" + method + "' is not a runtime API method (expected Trait_method)");
        }
        RuntimeApi.Method m = md.findRuntimeApi(method.substring(0, us), method.substring(us + 1))
                .orElseThrow(() -> new IllegalArgumentException("the runtime has no API method " + method));
        ScaleReader r = new ScaleReader(data);
        List<JsonNode> in = new ArrayList<>();
        for (RuntimeApi.Param p : m.inputs()) {
            if (method.equals("TransactionPaymentApi_query_info") && p.name().equals("uxt")) {
                in.add(null); // the extrinsic itself: its length and its call decide the fee
                int len = r.remaining() - 4;
                r.skip(len, "extrinsic");
                continue;
            }
            in.add(DynamicCodec.decode(md.types(), p.type(), r));
        }
        r.expectEnd(method + " input");
        Object out = switch (method) {
            case "Core_version" -> coreVersion();
            case "Metadata_metadata" -> meta.v14Bytes();
            case "Metadata_metadata_versions" -> List.of(14, 15, 16);
            case "Metadata_metadata_at_version" -> switch (in.get(0).asInt()) {
                case 14 -> meta.v14Bytes();
                case 15 -> meta.v15Bytes();
                case 16 -> meta.v16Bytes();
                default -> null;
            };
            case "AccountNonceApi_account_nonce" -> rt.nonce(AccountId.ofSs58(in.get(0).asText()));
            case "TransactionPaymentApi_query_info" -> queryInfo(node.queryFee(java.util.Arrays.copyOf(data, data.length - 4)), m.output());
            case "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid" ->
                    stakeInfo(rt, AccountId.ofSs58(in.get(0).asText()), AccountId.ofSs58(in.get(1).asText()), in.get(2).asInt(), m.output());
            case "NeuronInfoRuntimeApi_get_neurons_lite" -> rt.subnetIfExists(in.get(0).asInt())
                    .map(s -> neuronsLite(rt, s, elementType(m.output()))).orElse(List.of());
            case "NeuronInfoRuntimeApi_get_neuron_lite" -> rt.subnetIfExists(in.get(0).asInt())
                    .filter(s -> in.get(1).asInt() < s.size())
                    .map(s -> (Object) neuronLite(rt, s, in.get(1).asInt(), someType(m.output()))).orElse(null);
            case "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2" -> rt.subnetIfExists(in.get(0).asInt())
                    .map(s -> (Object) hyperparams(s, someType(m.output()))).orElse(null);
            case "SwapRuntimeApi_current_alpha_price" -> rt.alphaPrice(in.get(0).asInt());
            default -> throw new IllegalArgumentException("the local runtime does not implement " + method);
        };
        return DynamicCodec.encode(md.types(), m.output(), out, method);
    }

    private Map<String, Object> coreVersion() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("spec_name", "node-subtensor");
        v.put("impl_name", "tao4j-localnet");
        v.put("authoring_version", 1);
        v.put("spec_version", meta.specVersion());
        v.put("impl_version", 1);
        List<List<Object>> apis = new ArrayList<>();
        VERSIONS.forEach((name, ver) -> apis.add(List.of(apiId(name), ver)));
        v.put("apis", apis);
        v.put("transaction_version", meta.transactionVersion());
        v.put("system_version", 1);
        return v;
    }

    private Object queryInfo(long fee, int outType) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) zero(outType);
        v.put("weight", Map.of("ref_time", 100_000_000L, "proof_size", 4_000L));
        v.put("class", "Normal");
        v.put("partial_fee", fee);
        return v;
    }

    private Object stakeInfo(SubtensorRuntime rt, AccountId hot, AccountId cold, int netuid, int outType) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) zero(someType(outType));
        v.put("hotkey", hot.bytes());
        v.put("coldkey", cold.bytes());
        v.put("netuid", netuid);
        v.put("stake", rt.stake(cold, hot, netuid));
        v.put("is_registered", rt.subnetIfExists(netuid).map(s -> s.uidOf(hot) >= 0).orElse(false));
        return v; // Some(info): real Subtensor answers Some with stake 0 when there is none
    }

    private List<Object> neuronsLite(SubtensorRuntime rt, Subnet s, int elemType) {
        List<Object> out = new ArrayList<>();
        for (int uid = 0; uid < s.size(); uid++) {
            out.add(neuronLite(rt, s, uid, elemType));
        }
        return out;
    }

    private Object neuronLite(SubtensorRuntime rt, Subnet s, int uid, int type) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) zero(type);
        AccountId hot = s.hotkey(uid);
        AccountId cold = rt.owner(hot).orElse(hot);
        v.put("hotkey", hot.bytes());
        v.put("coldkey", cold.bytes());
        v.put("uid", uid);
        v.put("netuid", s.netuid());
        v.put("active", true);
        List<Object> stake = new ArrayList<>();
        rt.poolIfExists(hot, s.netuid()).ifPresent(p -> p.allShares().keySet()
                .forEach(c -> stake.add(List.of(c.bytes(), p.value(c)))));
        v.put("stake", stake);
        v.put("emission", s.emission().get(uid));
        v.put("incentive", s.incentive().get(uid));
        v.put("dividends", s.dividends().get(uid));
        v.put("rank", s.incentive().get(uid));
        v.put("consensus", s.incentive().get(uid));
        v.put("last_update", s.lastUpdate().get(uid));
        v.put("validator_permit", s.validatorPermit().get(uid));
        return v;
    }

    private Object hyperparams(Subnet s, int type) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) zero(type);
        Subnet.Params p = s.params();
        v.put("immunity_period", (int) Math.min(65535, p.immunityPeriod()));
        v.put("min_allowed_weights", p.minAllowedWeights());
        v.put("max_weights_limit", 65535);
        v.put("tempo", p.tempo());
        v.put("weights_version", p.weightsVersionKey());
        v.put("weights_rate_limit", p.weightsRateLimit());
        v.put("registration_allowed", true);
        v.put("min_burn", p.burn());
        v.put("max_burn", p.burn());
        v.put("max_validators", p.maxAllowedValidators());
        v.put("commit_reveal_period", io.tao4j.localnet.runtime.SubtensorRuntime.REVEAL_PERIOD_EPOCHS);
        v.put("commit_reveal_weights_enabled", p.commitRevealEnabled());
        v.put("subnet_is_active", true);
        v.put("transfers_enabled", p.transferEnabled());
        return v;
    }

    private int someType(int optionType) {
        TypeDef d = md.types().def(optionType);
        if (d instanceof TypeDef.VariantType v && v.byName("Some") != null) {
            return v.byName("Some").fields().get(0).type();
        }
        throw new IllegalStateException("type " + optionType + " is not an Option");
    }

    private int elementType(int seqType) {
        if (md.types().def(seqType) instanceof TypeDef.Sequence s) {
            return s.elementType();
        }
        throw new IllegalStateException("type " + seqType + " is not a Vec");
    }

    /** The zero value of a type, in the shapes {@link DynamicCodec} encodes. */
    Object zero(int typeId) {
        PortableType t = md.types().get(typeId);
        TypeDef d = t.def();
        if (d instanceof TypeDef.Composite c) {
            if (c.fields().isEmpty()) {
                return null;
            }
            if (!c.named()) {
                if (c.fields().size() == 1) {
                    return zero(c.fields().get(0).type());
                }
                List<Object> l = new ArrayList<>();
                c.fields().forEach(f -> l.add(zero(f.type())));
                return l;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            c.fields().forEach(f -> m.put(f.name(), zero(f.type())));
            return m;
        }
        if (d instanceof TypeDef.VariantType v) {
            if (t.pathString().equals("Option")) {
                return null;
            }
            TypeDef.Variant first = v.variants().get(0);
            if (first.fields().isEmpty()) {
                return first.name();
            }
            Object inner = first.fields().size() == 1 ? zero(first.fields().get(0).type())
                    : first.fields().stream().map(f -> zero(f.type())).toList();
            return Map.of(first.name(), inner);
        }
        if (d instanceof TypeDef.Sequence) {
            return new ArrayList<>();
        }
        if (d instanceof TypeDef.Array a) {
            if (md.types().def(a.elementType()) instanceof TypeDef.PrimitiveDef p && p.primitive().name().equals("U8")) {
                return new byte[a.length()];
            }
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < a.length(); i++) {
                l.add(zero(a.elementType()));
            }
            return l;
        }
        if (d instanceof TypeDef.Tuple tu) {
            return tu.elementTypes().stream().map(this::zero).toList();
        }
        if (d instanceof TypeDef.PrimitiveDef p) {
            return switch (p.primitive()) {
                case BOOL -> false;
                case STR -> "";
                case CHAR -> "\0";
                default -> BigInteger.ZERO;
            };
        }
        if (d instanceof TypeDef.Compact) {
            return BigInteger.ZERO;
        }
        if (d instanceof TypeDef.BitSequence) {
            return new ArrayList<>();
        }
        throw new IllegalStateException("no zero value for " + md.types().describe(typeId));
    }

    /** For callers that need to know whether a method exists. */
    public Optional<RuntimeApi.Method> find(String method) {
        int us = method.indexOf('_');
        return us <= 0 ? Optional.empty() : md.findRuntimeApi(method.substring(0, us), method.substring(us + 1));
    }
}
