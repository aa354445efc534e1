package io.tao4j.mantis.ledger;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads the pickled {@code DataLog} MANTIS validators kept before the SQLite ledger (ledger.py at
 * commit 2e9bc5b: {@code mantis_datalog.pkl}, gzipped when the name ends in {@code .gz}) without Python.
 *
 * <p>The pickle is decoded with net.razorvine:pickle; objects of Python classes become
 * {@link ClassDict}s (attribute name → value). numpy arrays are rebuilt from both encodings numpy uses:
 * protocol 5's {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)} and the older
 * {@code numpy.core.multiarray._reconstruct} followed by {@code __setstate__((version, shape, dtype,
 * fortran, data))} (also under the numpy 2 module names {@code numpy._core.*}). Only float16 vectors
 * (the dtype {@code ChallengeData.set_emb} stores) and float32/float64 arrays converted to float16 are
 * accepted as embeddings.
 *
 * <p>The DataLog's fields that are read: {@code blocks} (list of block numbers; step index = list
 * position), {@code challenges} (ticker → ChallengeData with {@code sidx}: sample index → {"price",
 * "emb": hotkey → vector}), {@code raw_payloads} (step → hotkey → bytes) and {@code _drand_cache}
 * (round → signature). Everything else in the object (the timelock instance, the asyncio lock) is ignored.
 */
public final class PickleDatalogReader {
    private static final long MAX_ELEMENTS = 1L << 20;

    private PickleDatalogReader() {}

    /** A numpy dtype as far as the reader needs it: kind and item size, byte order. */
    public static final class NpDtype {
        final String code;
        boolean bigEndian;

        NpDtype(String code) {
            this.code = code;
            this.bigEndian = code.startsWith(">");
        }

        /** numpy {@code dtype.__setstate__}: (version, byte order, …). */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] instanceof String s) {
                bigEndian = s.equals(">");
            }
        }

        String kind() {
            return code.replaceAll("^[<>=|]", "");
        }
    }

    /** A numpy array: dtype, shape and its raw bytes. */
    public static final class NpArray {
        NpDtype dtype;
        long[] shape;
        byte[] data;

        /** numpy {@code ndarray.__setstate__}: (version, shape, dtype, is_fortran, raw data). */
        public void __setstate__(Object[] state) {
            int o = state.length == 5 ? 1 : 0;
            if (state.length < 4) {
                throw new PickleException("unexpected ndarray state of " + state.length + " items");
            }
            shape = shapeOf(state[o]);
            if (!(state[o + 1] instanceof NpDtype d)) {
                throw new PickleException("ndarray state without a dtype");
            }
            dtype = d;
            data = bytesOf(state[o + 3]);
        }

        /** The values as float16 bits (converting float32/float64 arrays as numpy's astype would round). */
        short[] float16Bits() {
            String k = dtype.kind();
            ByteBuffer b = ByteBuffer.wrap(data).order(dtype.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int n;
            short[] out;
            switch (k) {
                case "f2", "float16", "e" -> {
                    n = data.length / 2;
                    out = new short[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getShort();
                    }
                }
                case "f4", "float32" -> {
                    n = data.length / 4;
                    out = new short[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = io.tao4j.mantis.salience.math.Half.fromFloat(b.getFloat());
                    }
                }
                case "f8", "float64" -> {
                    n = data.length / 8;
                    out = new short[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = io.tao4j.mantis.salience.math.Half.fromFloat((float) b.getDouble());
                    }
                }
                default -> throw new PickleException("embedding of unsupported numpy dtype " + dtype.code);
            }
            long expect = 1;
            for (long s : shape) {
                expect *= s;
            }
            if (expect != out.length) {
                throw new PickleException("numpy array of shape " + java.util.Arrays.toString(shape) + " holds " + out.length + " values");
            }
            return out;
        }
    }

    private static long[] shapeOf(Object o) {
        if (!(o instanceof Object[] t)) {
            throw new PickleException("numpy shape is not a tuple");
        }
        long[] s = new long[t.length];
        long total = 1;
        for (int i = 0; i < t.length; i++) {
            s[i] = ((Number) t[i]).longValue();
            if (s[i] < 0) {
                throw new PickleException("negative numpy dimension");
            }
            total *= s[i];
            if (total > MAX_ELEMENTS) {
                throw new PickleException("numpy array too large for an embedding");
            }
        }
        return s;
    }

    private static byte[] bytesOf(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) { // protocol 0-2 pickles raw data as latin-1 str
            return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        throw new PickleException("numpy data is not bytes");
    }

    private static final IObjectConstructor DTYPE = args -> {
        if (args.length < 1 || !(args[0] instanceof String code)) {
            throw new PickleException("numpy.dtype needs a type code");
        }
        return new NpDtype(code);
    };

    private static final IObjectConstructor RECONSTRUCT = args -> new NpArray();

    private static final IObjectConstructor FROMBUFFER = args -> {
        if (args.length < 3 || !(args[1] instanceof NpDtype d)) {
            throw new PickleException("numpy _frombuffer needs (buffer, dtype, shape, order)");
        }
        NpArray a = new NpArray();
        a.data = bytesOf(args[0]);
        a.dtype = d;
        a.shape = shapeOf(args[2]);
        return a;
    };

    private static Unpickler unpickler() {
        Unpickler u = new Unpickler();
        Unpickler.registerConstructor("numpy", "dtype", DTYPE);
        for (String m : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(m, "_reconstruct", RECONSTRUCT);
        }
        for (String m : List.of("numpy.core.numeric", "numpy._core.numeric")) {
            Unpickler.registerConstructor(m, "_frombuffer", FROMBUFFER);
        }
        return u;
    }

    /** Decodes the pickle at {@code file} and feeds its rows to {@code w}. */
    static void read(Path file, boolean gzip, LedgerArchive.Writer w) {
        Object root;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            root = unpickler().load(in);
        } catch (IOException | RuntimeException e) {
            throw new DatalogReader.LedgerException("cannot decode the pickled DataLog " + file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof ClassDict dl) || !String.valueOf(dl.getClassName()).endsWith("DataLog")) {
            throw new DatalogReader.LedgerException("not a pickled MANTIS DataLog: " + file + " holds "
                    + (root instanceof ClassDict c ? c.getClassName() : root == null ? "None" : root.getClass().getSimpleName()), null);
        }
        try {
            feed(dl, w);
        } catch (ClassCastException | PickleException e) {
            throw new DatalogReader.LedgerException("malformed pickled DataLog " + file + ": " + e.getMessage(), e);
        }
    }

    private static void feed(ClassDict dl, LedgerArchive.Writer w) {
        List<?> blocks = (List<?>) require(dl, "blocks");
        for (int i = 0; i < blocks.size(); i++) {
            w.block(i, ((Number) blocks.get(i)).longValue());
        }
        Map<?, ?> challenges = (Map<?, ?>) require(dl, "challenges");
        for (Map.Entry<?, ?> ce : challenges.entrySet()) {
            String ticker = (String) ce.getKey();
            ClassDict cd = (ClassDict) ce.getValue();
            Map<?, ?> bySidx = (Map<?, ?>) cd.get("sidx");
            if (bySidx == null) {
                continue;
            }
            TreeMap<Long, Map<?, ?>> ordered = new TreeMap<>();
            for (Map.Entry<?, ?> se : bySidx.entrySet()) {
                ordered.put(((Number) se.getKey()).longValue(), (Map<?, ?>) se.getValue());
            }
            for (Map.Entry<Long, Map<?, ?>> se : ordered.entrySet()) {
                Map<?, ?> row = se.getValue();
                Object p = row.get("price");
                Double price = p instanceof Number n ? n.doubleValue() : null;
                TreeMap<String, short[]> vecs = new TreeMap<>();
                Object emb = row.get("emb");
                if (emb instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> ee : m.entrySet()) {
                        vecs.put((String) ee.getKey(), vector(ee.getValue()));
                    }
                }
                w.challengeRow(ticker, se.getKey(), price, vecs);
            }
        }
        if (dl.get("raw_payloads") instanceof Map<?, ?> raws) {
            for (Map.Entry<?, ?> re : raws.entrySet()) {
                long ts = ((Number) re.getKey()).longValue();
                for (Map.Entry<?, ?> he : ((Map<?, ?>) re.getValue()).entrySet()) {
                    w.rawPayload(ts, (String) he.getKey(), bytesOf(he.getValue()));
                }
            }
        }
        if (dl.get("_drand_cache") instanceof Map<?, ?> drand) {
            for (Map.Entry<?, ?> de : drand.entrySet()) {
                w.drand(((Number) de.getKey()).longValue(), bytesOf(de.getValue()));
            }
        }
    }

    private static short[] vector(Object v) {
        if (v instanceof NpArray a) {
            return a.float16Bits();
        }
        if (v instanceof List<?> l) { // a plain list of floats
            short[] out = new short[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = io.tao4j.mantis.salience.math.Half.fromFloat(((Number) l.get(i)).floatValue());
            }
            return out;
        }
        throw new PickleException("embedding is neither a numpy array nor a list: " + (v == null ? "None" : v.getClass().getSimpleName()));
    }

    private static Object require(ClassDict dl, String field) {
        Object o = dl.get(field);
        if (o == null) {
            throw new PickleException("DataLog has no " + field);
        }
        return o;
    }
}
