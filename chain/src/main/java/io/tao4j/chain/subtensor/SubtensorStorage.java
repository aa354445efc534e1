package io.tao4j.chain.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.crypto.Hex;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tao4j.chain.subtensor.Subtensor.SUBTENSOR;

/**
 * How {@link Subtensor} decodes what runtimes without the runtime APIs (or older storage layouts) give: neurons from
 * storage vectors, share-pool stake, commitment text. Every read is at the block hash the caller passes.
 */
final class SubtensorStorage {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private SubtensorStorage() {
    }

    static Neuron neuron(JsonNode n) {
        long stake = 0;
        for (JsonNode s : n.path("stake")) {
            stake += Values.longValue(s.isArray() ? s.get(1) : s);
        }
        JsonNode axon = n.path("axon_info");
        return new Neuron(n.path("uid").asInt(), n.path("hotkey").asText(), n.path("coldkey").asText(),
                n.path("active").asBoolean(), stake, n.path("rank").asInt(), Values.longValue(n.path("emission")),
                n.path("incentive").asInt(), n.path("consensus").asInt(), n.path("trust").asInt(),
                n.path("validator_trust").asInt(), n.path("dividends").asInt(), Values.longValue(n.path("last_update")),
                n.path("validator_permit").asBoolean(), ip(Values.bigInt(axon.path("ip")), axon.path("ip_type").asInt()),
                axon.path("port").asInt());
    }

    /** The SDK's {@code ip__str__}: IPv4 from the low 32 bits for ip_type 4, IPv6 otherwise; "0.0.0.0" when 0. */
    static String ip(BigInteger ip, int type) {
        try {
            if (type == 6) {
                byte[] b = new byte[16];
                byte[] raw = ip.toByteArray();
                int n = Math.min(raw.length, 16);
                System.arraycopy(raw, raw.length - n, b, 16 - n, n);
                return InetAddress.getByAddress(b).getHostAddress();
            }
            long v = ip.longValue() & 0xffffffffL;
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        } catch (UnknownHostException e) {
            return ip.toString();
        }
    }

    static Metagraph metagraph(OnlineClient client, int netuid, long block, String hash) {
        List<OnlineClient.Entry> keys = client.iterate(SUBTENSOR, "Keys", List.of(netuid), hash, 1000);
        Map<Integer, String> hotkeys = new java.util.TreeMap<>();
        for (OnlineClient.Entry e : keys) {
            hotkeys.put(e.keyParts().get(1).asInt(), e.value().asText());
        }
        List<List<?>> ownerKeys = new ArrayList<>();
        hotkeys.values().forEach(h -> ownerKeys.add(List.of(h)));
        List<JsonNode> owners = client.queryMany(SUBTENSOR, "Owner", ownerKeys, hash);
        List<JsonNode> stakes;
        if (client.metadata().findStorage(SUBTENSOR, "TotalHotkeyAlpha").isPresent()) {
            List<List<?>> k = new ArrayList<>();
            hotkeys.values().forEach(h -> k.add(List.of(h, netuid)));
            stakes = client.queryMany(SUBTENSOR, "TotalHotkeyAlpha", k, hash);
        } else if (client.metadata().findStorage(SUBTENSOR, "TotalHotkeyStake").isPresent()) {
            stakes = client.queryMany(SUBTENSOR, "TotalHotkeyStake", ownerKeys, hash);
        } else {
            stakes = null;
        }
        JsonNode active = optionalVec(client, "Active", netuid, hash);
        JsonNode permit = optionalVec(client, "ValidatorPermit", netuid, hash);
        JsonNode last = optionalVec(client, "LastUpdate", netuid, hash);
        JsonNode incentive = optionalVec(client, "Incentive", netuid, hash);
        JsonNode dividends = optionalVec(client, "Dividends", netuid, hash);
        JsonNode rank = optionalVec(client, "Rank", netuid, hash);
        JsonNode emission = optionalVec(client, "Emission", netuid, hash);
        JsonNode trust = optionalVec(client, "Trust", netuid, hash);
        JsonNode consensus = optionalVec(client, "Consensus", netuid, hash);
        JsonNode vtrust = optionalVec(client, "ValidatorTrust", netuid, hash);
        List<Neuron> neurons = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, String> h : hotkeys.entrySet()) {
            int uid = h.getKey();
            neurons.add(new Neuron(uid, h.getValue(), owners.get(i).asText(), at(active, uid).asBoolean(),
                    stakes == null ? 0 : Values.longValue(stakes.get(i)), at(rank, uid).asInt(),
                    Values.longValue(at(emission, uid)), at(incentive, uid).asInt(), at(consensus, uid).asInt(),
                    at(trust, uid).asInt(), at(vtrust, uid).asInt(), at(dividends, uid).asInt(),
                    Values.longValue(at(last, uid)), at(permit, uid).asBoolean(), null, 0));
            i++;
        }
        return new Metagraph(netuid, block, hash, List.copyOf(neurons), "storage");
    }

    private static JsonNode optionalVec(OnlineClient client, String item, int netuid, String hash) {
        if (client.metadata().findStorage(SUBTENSOR, item).isEmpty()) {
            return Values.JSON.createArrayNode();
        }
        return client.query(SUBTENSOR, item, List.of(netuid), hash);
    }

    private static JsonNode at(JsonNode vec, int i) {
        return i < vec.size() ? vec.get(i) : Values.JSON.getNodeFactory().numberNode(0);
    }

    static long stake(OnlineClient client, String cold, String hot, int netuid, String atHash) {
        var md = client.metadata();
        boolean v1 = md.findStorage(SUBTENSOR, "Alpha").isPresent();
        boolean v2 = md.findStorage(SUBTENSOR, "AlphaV2").isPresent();
        if (!v1 && !v2) {
            if (md.findStorage(SUBTENSOR, "Stake").isPresent()) {
                return Values.longValue(client.query(SUBTENSOR, "Stake", List.of(hot, cold), atHash));
            }
            throw new ChainException("this runtime has neither the stake runtime API nor Alpha/AlphaV2/Stake storage");
        }
        BigInteger[] share = fraction(client, v1 ? client.queryRaw(SUBTENSOR, "Alpha", List.of(hot, cold, netuid), atHash) : null,
                "Alpha", v2 ? "AlphaV2" : null, List.of(hot, cold, netuid), atHash);
        BigInteger[] denom = fraction(client, v1 && md.findStorage(SUBTENSOR, "TotalHotkeyShares").isPresent()
                        ? client.queryRaw(SUBTENSOR, "TotalHotkeyShares", List.of(hot, netuid), atHash) : null,
                "TotalHotkeyShares", v2 ? "TotalHotkeySharesV2" : null, List.of(hot, netuid), atHash);
        BigInteger alpha = Values.bigInt(client.query(SUBTENSOR, "TotalHotkeyAlpha", List.of(hot, netuid), atHash));
        if (denom[0].signum() == 0) {
            return 0;
        }
        // value = alpha × (s_num/s_den) / (d_num/d_den)
        BigInteger num = alpha.multiply(share[0]).multiply(denom[1]);
        BigInteger den = share[1].multiply(denom[0]);
        BigInteger v = num.divide(den);
        return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
    }

    /** A share value as numerator/denominator: U64F64 bits/2^64 from V1 raw bytes, else SafeFloat mantissa·10^exp. */
    private static BigInteger[] fraction(OnlineClient client, byte[] v1Raw, String v1Item, String v2Item, List<?> keys, String atHash) {
        if (v1Raw != null) {
            JsonNode j = client.decodeStorage(SUBTENSOR, v1Item, v1Raw);
            BigInteger bits = Values.bigInt(j.has("bits") ? j.get("bits") : j);
            return new BigInteger[]{bits, TWO_64};
        }
        if (v2Item == null) {
            return new BigInteger[]{BigInteger.ZERO, BigInteger.ONE};
        }
        JsonNode sf = client.query(SUBTENSOR, v2Item, keys, atHash);
        BigInteger mantissa = Values.bigInt(sf.path("mantissa"));
        long exp = Values.longValue(sf.path("exponent"));
        if (exp >= 0) {
            return new BigInteger[]{mantissa.multiply(BigInteger.TEN.pow((int) exp)), BigInteger.ONE};
        }
        return new BigInteger[]{mantissa, BigInteger.TEN.pow((int) -exp)};
    }

    static Optional<String> commitmentText(JsonNode registration) {
        JsonNode fields = registration.path("info").path("fields");
        if (!fields.isArray() || fields.isEmpty()) {
            return Optional.empty();
        }
        JsonNode f = fields.get(0);
        // the payload of the first variant when it is bytes (Raw<n>, BigRaw, hashes); TimelockEncrypted (a struct)
        // and ResetBondsFlag (no payload) make the SDK's decode_metadata fail, which get_all_commitments skips
        JsonNode payload = f.isObject() && f.size() == 1 ? f.elements().next() : null;
        if (payload == null || !payload.isTextual() || !payload.asText().startsWith("0x")) {
            return Optional.empty();
        }
        byte[] bytes = Hex.decode(payload.asText());
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
