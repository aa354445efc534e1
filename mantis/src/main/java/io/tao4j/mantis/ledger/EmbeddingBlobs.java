package io.tao4j.mantis.ledger;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decoder of {@code challenge_data.embeddings} blobs ({@code json.dumps(sorted hotkeys)}, a zero byte, float16
 * little-endian {@code n × dim}) that parses each distinct hotkey list once: ledgers repeat the same list in
 * nearly every row, so the JSON is compared byte for byte with the previous row's and parsed only when new.
 * One instance per read (not thread-safe). {@link #pack} / {@link #unpack} are the plain codec the ledger writes with.
 */
final class EmbeddingBlobs {
    /** Python's {@code json} reads NaN / Infinity, and {@code json.dumps} writes them. */
    static final ObjectMapper JSON = Json.MAPPER
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    /** Python's {@code sorted()} on str: code point order (differs from {@link String#compareTo} above U+FFFF). */
    static final Comparator<String> CODE_POINT = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    /** A decoded blob: the hotkeys and where their float16 values start ({@code n × dim} shorts, little-endian). */
    record Decoded(String[] hotkeys, byte[] blob, int offset) {
        static final Decoded EMPTY = new Decoded(new String[0], new byte[0], 0);

        boolean isEmpty() {
            return hotkeys.length == 0;
        }

        short half(int row, int k, int dim) {
            int p = offset + 2 * (row * dim + k);
            return (short) ((blob[p] & 0xFF) | (blob[p + 1] << 8));
        }
    }

    /**
     * MANTIS {@code _pack_embeddings}: JSON list of hotkeys (sorted, {@code json.dumps} spacing), a zero byte, then
     * each hotkey's vector as float16 little-endian bits; empty when there are no vectors.
     */
    static byte[] pack(TreeMap<String, short[]> vecs, int dim) {
        if (vecs.isEmpty()) {
            return new byte[0];
        }
        byte[] names = JSON.valueToTree(new ArrayList<>(vecs.keySet())).toString().replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(names.length + 1 + vecs.size() * dim * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(names).put((byte) 0);
        for (short[] v : vecs.values()) {
            for (short s : v) {
                buf.putShort(s);
            }
        }
        return buf.array();
    }

    /** MANTIS {@code _unpack_embeddings}; a malformed blob reads as empty, as there. */
    static TreeMap<String, short[]> unpack(byte[] blob, int dim) {
        TreeMap<String, short[]> out = new TreeMap<>();
        if (blob == null || blob.length == 0) {
            return out;
        }
        int sep = -1;
        for (int i = 0; i < blob.length; i++) {
            if (blob[i] == 0) {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            return out;
        }
        List<String> names;
        try {
            names = JSON.readValue(new String(blob, 0, sep, StandardCharsets.UTF_8), new TypeReference<List<String>>() { });
        } catch (Exception e) {
            return out;
        }
        int n = names.size();
        if (n == 0 || blob.length - sep - 1 != n * dim * 2) {
            return out;
        }
        ByteBuffer buf = ByteBuffer.wrap(blob, sep + 1, n * dim * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (String hk : names) {
            short[] v = new short[dim];
            for (int i = 0; i < dim; i++) {
                v[i] = buf.getShort();
            }
            out.put(hk, v);
        }
        return out;
    }

    private final Map<ByteBuffer, String[]> lists = new HashMap<>();
    private byte[] lastPrefix = new byte[0];
    private String[] lastList;
    private final Map<String, String[]> columnLists = new HashMap<>();
    private final Map<Long, String[]> byId = new HashMap<>();

    String[] listById(long id) {
        return byId.get(id);
    }

    void putListById(long id, String[] list) {
        byId.put(id, list);
    }

    /**
     * {@code ledger._unpack_embeddings}: empty for a null/empty blob or one whose payload is not {@code n·dim}
     * float16 values; a blob without the zero byte or with a malformed list is an error (the reference raises).
     */
    Decoded decode(byte[] blob, int dim) {
        if (blob == null || blob.length == 0) {
            return Decoded.EMPTY;
        }
        String[] hks;
        int sep;
        int pl = lastPrefix.length;
        if (lastList != null && blob.length > pl && blob[pl] == 0 && Arrays.equals(blob, 0, pl, lastPrefix, 0, pl)) {
            hks = lastList;
            sep = pl;
        } else {
            sep = indexOfZero(blob);
            if (sep < 0) {
                throw new DatalogReader.LedgerException("embeddings blob has no separator byte", null);
            }
            byte[] prefix = Arrays.copyOf(blob, sep);
            hks = lists.get(ByteBuffer.wrap(prefix));
            if (hks == null) {
                hks = parseList(new String(prefix, StandardCharsets.UTF_8), "embeddings blob");
                lists.put(ByteBuffer.wrap(prefix), hks);
            }
            lastPrefix = prefix;
            lastList = hks;
        }
        int n = hks.length;
        if (n == 0 || blob.length - sep - 1 != (long) n * dim * 2) {
            return Decoded.EMPTY;
        }
        return new Decoded(hks, blob, sep + 1);
    }

    /** The JSON {@code hotkeys} column, parsed once per distinct text. */
    String[] column(String json) {
        String[] hks = columnLists.get(json);
        if (hks == null) {
            hks = parseList(json, "hotkeys column");
            columnLists.put(json, hks);
        }
        return hks;
    }

    private static String[] parseList(String json, String what) {
        try {
            List<String> l = JSON.readValue(json, new TypeReference<List<String>>() { });
            return l.toArray(new String[0]);
        } catch (Exception e) {
            throw new DatalogReader.LedgerException("malformed hotkey list in the " + what + ": " + e.getMessage(), e);
        }
    }

    private static int indexOfZero(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** numpy's float64 → float16 cast: round to nearest, ties to even, straight from the double. */
    static short halfOf(double d) {
        long x = Double.doubleToRawLongBits(d);
        int sign = (int) ((x >>> 48) & 0x8000);
        int exp = (int) ((x >>> 52) & 0x7FF);
        long mant = x & 0xFFFFFFFFFFFFFL;
        if (exp == 0x7FF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 1023 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10 || exp == 0) {
                return (short) sign;
            }
            long m = mant | (1L << 52);
            int shift = 43 - e;
            long half = m >>> shift;
            long rem = m & ((1L << shift) - 1);
            long mid = 1L << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        long half = ((long) e << 10) | (mant >>> 42);
        long rem = mant & ((1L << 42) - 1);
        long mid = 1L << 41;
        if (rem > mid || (rem == mid && (half & 1) != 0)) {
            half++;
        }
        return (short) (sign | half);
    }
}
