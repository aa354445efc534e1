package io.tao4j.mantis.ledger;

import io.tao4j.mantis.ledger.PickleValues.Py;
import io.tao4j.mantis.ledger.PickleValues.PyBytes;
import io.tao4j.mantis.ledger.PickleValues.PyGlobal;
import io.tao4j.mantis.ledger.PickleValues.PyList;
import io.tao4j.mantis.ledger.PickleValues.PyTuple;
import io.tao4j.mantis.salience.math.Half;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

import static io.tao4j.mantis.ledger.PickleValues.typeName;

/**
 * The functions a pickled DataLog calls to rebuild its embeddings and bytes, evaluated without Python:
 * numpy arrays (protocol 5's {@code numpy[._]core.numeric._frombuffer(buffer, dtype, shape, order)}; the older
 * {@code numpy[._]core.multiarray._reconstruct(ndarray, (0,), b"b")} followed by
 * {@code BUILD (version, shape, dtype, fortran, data)}), {@code numpy.dtype}, protocol 2's
 * {@code _codecs.encode(str, "latin1")} bytes and {@code builtins.bytes/bytearray}; and the conversion of an
 * embedding (numpy array or list of floats) to float16 bits.
 */
final class DatalogNumpy {
    static final int MAX_VECTOR_LEN = 1 << 16;

    private DatalogNumpy() {}

    static final class NpDtype extends Py {
        final String code;
        /** Bytes per value of a float dtype this reader converts, else 0. */
        final int floatSize;
        boolean bigEndian;

        NpDtype(String code) {
            this.code = code;
            this.bigEndian = code.startsWith(">");
            String kind = code.replaceAll("^[<>=|]", "");
            this.floatSize = switch (kind) {
                case "f2", "float16", "e" -> 2;
                case "f4", "float32" -> 4;
                case "f8", "float64" -> 8;
                default -> 0;
            };
        }

        @Override
        boolean pinned() {
            return true; // the pickler references the float16 dtype again and again
        }

        @Override
        String describe() {
            return "numpy dtype";
        }
    }

    static final class NpArray extends Py {
        NpDtype dtype;
        long[] shape;
        byte[] data;

        @Override
        long releaseInto(ArrayDeque<Object> todo) {
            data = null;
            return 0;
        }

        @Override
        String describe() {
            return "numpy array";
        }
    }

    /** The result of calling {@code g}, one of the functions above, or null if {@code g} is none of them. */
    static Object call(PickleMachine m, PyGlobal g, PyTuple t) {
        Object[] a = t.items;
        if (g.is("numpy", "dtype")) {
            if (a.length < 1 || !(a[0] instanceof String code)) {
                throw m.err("numpy.dtype needs a type code");
            }
            return new NpDtype(code);
        }
        if (g.numpy("numeric", "_frombuffer")) {
            if (a.length < 3 || !(a[1] instanceof NpDtype d)) {
                throw m.err("numpy _frombuffer needs (buffer, dtype, shape, order)");
            }
            NpArray arr = new NpArray();
            arr.data = m.bytesOf(a[0], "numpy buffer");
            arr.dtype = d;
            arr.shape = shapeOf(m, a[2]);
            m.release(t, true);
            return arr;
        }
        if (g.numpy("multiarray", "_reconstruct")) {
            m.release(t, false); // numpy passes the same b"b" object every time: it stays referenceable
            return new NpArray();
        }
        if (g.is("_codecs", "encode")) {
            return encode(m, t);
        }
        if (g.module().equals("builtins") && (g.name().equals("bytes") || g.name().equals("bytearray"))) {
            if (a.length == 0) {
                return new PyBytes(new byte[0]);
            }
            if (a[0] instanceof PyBytes b) {
                return new PyBytes(b.b);
            }
            if (a[0] instanceof PyList l) {
                byte[] b = new byte[l.items.size()];
                for (int i = 0; i < b.length; i++) {
                    if (!(l.items.get(i) instanceof Long x) || x < 0 || x > 255) {
                        throw m.err(g.name() + "() of a list that is not of byte values");
                    }
                    b[i] = (byte) (long) x;
                }
                return new PyBytes(b);
            }
            if (a.length >= 2 && a[0] instanceof String s && a[1] instanceof String) {
                return new PyBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            }
            throw m.err("unsupported " + g.name() + "() arguments");
        }
        return null;
    }

    private static PyBytes encode(PickleMachine m, PyTuple t) {
        Object[] a = t.items;
        if (a.length < 1 || !(a[0] instanceof String s) || (a.length > 1 && !(a[1] instanceof String))) {
            throw m.err("_codecs.encode needs (str, encoding)");
        }
        m.memo.dropRecentString(s); // the data string of one bytes object: not referenced again
        m.release(t, false);
        String enc = a.length > 1 ? ((String) a[1]).toLowerCase(Locale.ROOT).replace('-', '_') : "utf_8";
        byte[] b = switch (enc) {
            case "latin1", "latin_1", "iso8859_1", "iso_8859_1" -> {
                for (int i = 0; i < s.length(); i++) {
                    if (s.charAt(i) > 0xff) {
                        throw m.err("_codecs.encode: character outside latin-1");
                    }
                }
                yield s.getBytes(StandardCharsets.ISO_8859_1);
            }
            case "utf8", "utf_8" -> s.getBytes(StandardCharsets.UTF_8);
            default -> throw m.err("_codecs.encode with unsupported encoding " + a[1]);
        };
        return new PyBytes(b);
    }

    /** BUILD of a dtype or an array; false if {@code target} is neither. */
    static boolean build(PickleMachine m, Object target, Object state) {
        if (target instanceof NpDtype d) {
            if (state instanceof PyTuple t && t.items.length > 1 && t.items[1] instanceof String s) {
                d.bigEndian = s.equals(">");
            }
            m.release(state, true);
            return true;
        }
        if (target instanceof NpArray a) {
            if (!(state instanceof PyTuple t) || t.items.length < 4) {
                throw m.err("unexpected numpy array state: " + typeName(state));
            }
            Object[] s = t.items;
            int o = s.length == 5 ? 1 : 0;
            a.shape = shapeOf(m, s[o]);
            if (!(s[o + 1] instanceof NpDtype dt)) {
                throw m.err("numpy array state without a dtype");
            }
            a.dtype = dt;
            Object data = s[o + 3];
            if (data instanceof PyList l) {
                throw m.err("numpy array of Python objects (" + l.items.size() + " items) is not an embedding");
            }
            a.data = m.bytesOf(data, "numpy array data");
            m.release(t, true);
            return true;
        }
        return false;
    }

    /** An embedding as float16 bits: a numpy float array, or a plain list of numbers. */
    static short[] vector(PickleMachine m, Object v) {
        if (v instanceof NpArray a) {
            return float16Bits(m, a);
        }
        if (v instanceof PyList l && l.plain()) {
            if (l.items.size() > MAX_VECTOR_LEN) {
                throw m.err("embedding list of " + l.items.size() + " values");
            }
            short[] out = new short[l.items.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.items.get(i) instanceof Number n) || l.items.get(i) instanceof Boolean) {
                    throw m.err("embedding list holds a " + typeName(l.items.get(i)));
                }
                out[i] = Half.fromFloat(n.floatValue());
            }
            return out;
        }
        throw m.err("embedding is neither a numpy array nor a list: " + typeName(v));
    }

    private static short[] float16Bits(PickleMachine m, NpArray a) {
        if (a.dtype == null || a.shape == null || a.data == null) {
            throw m.err("numpy array without dtype, shape or data");
        }
        long expect = 1;
        for (long s : a.shape) {
            expect *= s;
        }
        int size = a.dtype.floatSize;
        if (size == 0) {
            throw m.err("embedding of unsupported numpy dtype " + a.dtype.code);
        }
        if (a.data.length != expect * size) {
            throw m.err("numpy array of shape " + Arrays.toString(a.shape) + " and dtype " + a.dtype.code + " holds "
                    + a.data.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(a.data).order(a.dtype.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[(int) expect];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (size) {
                case 2 -> b.getShort();
                case 4 -> Half.fromFloat(b.getFloat());
                default -> Half.fromFloat((float) b.getDouble());
            };
        }
        return out;
    }

    private static long[] shapeOf(PickleMachine m, Object o) {
        if (!(o instanceof PyTuple t)) {
            throw m.err("numpy shape is a " + typeName(o) + ", not a tuple");
        }
        long[] s = new long[t.items.length];
        long total = 1;
        for (int i = 0; i < s.length; i++) {
            if (!(t.items[i] instanceof Long x) || x < 0) {
                throw m.err("numpy dimension is not a non-negative int");
            }
            s[i] = x;
            total *= s[i];
            if (total > MAX_VECTOR_LEN) {
                throw m.err("numpy array of shape " + Arrays.toString(Arrays.copyOf(s, i + 1)) + "… is too large for an embedding");
            }
        }
        return s;
    }
}
