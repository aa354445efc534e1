package io.tao4j.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.ScaleReader;
import io.tao4j.scale.TypeRegistry;

import java.math.BigInteger;

/**
 * Thin bridge to the metadata-driven codec of the {@code scale} module ({@link DynamicCodec}): Java or JSON values
 * in, JSON out (AccountId32 as SS58, byte vectors as 0x hex, unit variants as strings, other variants as
 * {@code {"Name": fields}}, Option as null or the value).
 */
public final class Values {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** SCALE-encodes {@code value} as type {@code typeId}; {@code what} names the value in errors. */
    public static byte[] encode(TypeRegistry types, int typeId, Object value, String what) {
        return DynamicCodec.encode(types, typeId, value, what);
    }

    /** Decodes exactly {@code bytes} as type {@code typeId}. */
    public static JsonNode decode(TypeRegistry types, int typeId, byte[] bytes, String what) {
        return DynamicCodec.decode(types, typeId, bytes, what);
    }

    /** Decodes one value of type {@code typeId} from the reader's position. */
    public static JsonNode decode(TypeRegistry types, int typeId, ScaleReader r) {
        return DynamicCodec.decode(types, typeId, r);
    }

    /** A JSON integer (number or decimal string, as the codec writes u128) as BigInteger; 0 for null. */
    public static BigInteger bigInt(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return BigInteger.ZERO;
        }
        if (n.isNumber()) {
            return n.bigIntegerValue();
        }
        return new BigInteger(n.asText());
    }

    /** A JSON integer as long; 0 for null. */
    public static long longValue(JsonNode n) {
        return bigInt(n).longValueExact();
    }
}
