package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.math.Half;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streaming pickle interpreter (protocols 2–5) that recognises the object graph of MANTIS's pickled
 * {@code DataLog} (ledger.py at commit 2e9bc5b) while it parses, and hands every completed piece to a
 * {@link Sink} as soon as it is complete instead of building the whole graph.
 *
 * <p>Python's pickler writes a container empty and then fills it ({@code EMPTY_DICT}, then
 * {@code MARK k v … SETITEMS} or a single {@code k v SETITEM}), so when a dict or list is created its
 * parent container and key are already on the stack. The interpreter uses that to give the containers of
 * interest a role: the DataLog's state dict, its {@code blocks} list, {@code challenges}, each
 * {@code ChallengeData}'s state and {@code sidx} dict, the per-sample rows {@code {"hotkeys", "price",
 * "emb"}} and their {@code emb} dicts, {@code raw_payloads} (and its per-step dicts) and
 * {@code _drand_cache}. Role containers do not store their items: a block number is passed on when it is
 * appended, a vector is converted to float16 bits when it is put into an {@code emb} dict, and a row is
 * passed on as soon as it holds both its price and its {@code emb} dict (or when it is put into its
 * {@code sidx} dict). Everything else is built as plain objects, under budgets.
 *
 * <p>Memo: Python memoizes nearly every object, so a naive memo would hold the whole archive. Objects that
 * have been passed on (rows, emb dicts, numpy arrays with their buffers, shape and argument tuples, hotkey
 * lists, large payloads) are dropped from the memo; only a high-water index remains, and a later
 * {@code GET} of such an entry fails with an error naming the memo index and archive offset. Strings,
 * globals, dtypes and small objects stay referenceable, as the pickler references them again (hotkeys,
 * dict keys, the {@code float16} dtype, {@code b"{}"} payloads).
 *
 * <p>numpy arrays: protocol 5's {@code numpy[._]core.numeric._frombuffer(buffer, dtype, shape, order)} and
 * the older {@code numpy[._]core.multiarray._reconstruct(ndarray, (0,), b"b")} followed by
 * {@code BUILD (version, shape, dtype, fortran, data)}; protocol 2's {@code _codecs.encode(str, "latin1")}
 * bytes. Out-of-band buffers ({@code NEXT_BUFFER}) are rejected: a file has none.
 *
 * <p>Every failure is a {@link PickleFormatException} naming the offset (in the decompressed pickle
 * stream) of the opcode being executed. Lengths, stack depth, memo size, container sizes and live vectors
 * are bounded, so malformed input cannot exhaust the heap.
 */
final class DatalogUnpickler {
    static final int MAX_ITEM_BYTES = 16 << 20;
    static final int MAX_STACK = 1 << 20;
    static final int MAX_MEMO_ENTRIES = 1 << 24;
    static final long MAX_MEMO_BYTES = 256L << 20;
    static final long MAX_GENERIC_ELEMENTS = 1L << 24;
    static final long MAX_LIVE_VECTORS = 1L << 22;
    static final int MAX_VECTOR_LEN = 1 << 16;
    /** Payload bytes up to this length stay referenceable (MANTIS shares one {@code b"{}"} object). */
    static final int SHARED_BYTES_MAX = 64;

    /** Receives the DataLog's content as it is parsed. */
    interface Sink {
        void block(long idx, long block);

        void row(String ticker, long sidx, Double price, TreeMap<String, short[]> vectors);

        void rawPayload(long ts, String hotkey, byte[] payload);

        void drand(long round, byte[] signature);
    }

    /** Malformed or unsupported pickle content, with the offset of the opcode that failed. */
    static final class PickleFormatException extends RuntimeException {
        final long offset;

        PickleFormatException(long offset, String msg) {
            super(msg + " (at pickle offset " + offset + ")");
            this.offset = offset;
        }
    }

    /** Figures about what the reader held, for tests and the benchmark. */
    record Stats(long opcodes, long memoHighWater, int peakRetainedMemo, long peakRetainedMemoBytes,
                 int peakStack, long peakGenericElements, long peakLiveVectors, long rowsEmitted, long vectorsEmitted) {
    }

    // ---------------------------------------------------------------------------------------------
    // object model

    enum Role { NONE, DL_STATE, BLOCKS, CHALLENGES, CD_STATE, SIDX, ROW, EMB, RAW, RAW_STEP, DRAND }

    enum ObjRole { NONE, DATALOG, CHALLENGE }

    /** Base of the objects that can be memoized and released. */
    abstract static class Py {
        long memo = -1;
    }

    static final class PyBytes extends Py {
        final byte[] b;

        PyBytes(byte[] b) {
            this.b = b;
        }
    }

    static final class PyTuple extends Py {
        final Object[] items;

        PyTuple(Object[] items) {
            this.items = items;
        }
    }

    static final class PyList extends Py {
        final Role role;
        final List<Object> items = new ArrayList<>();
        long count;

        PyList(Role role) {
            this.role = role;
        }
    }

    static final class PySet extends Py {
        final List<Object> items = new ArrayList<>();
    }

    static final class PyDict extends Py {
        final Role role;
        final String ticker;
        final long key;
        final Map<Object, Object> items = new LinkedHashMap<>();
        // ROW / EMB
        TreeMap<String, short[]> vecs;
        Double price;
        boolean hasPrice;
        boolean hasEmb;
        boolean emitted;
        // DL_STATE
        boolean sawBlocks;
        boolean sawChallenges;

        PyDict(Role role, String ticker, long key) {
            this.role = role;
            this.ticker = ticker;
            this.key = key;
            if (role == Role.ROW || role == Role.EMB) {
                vecs = new TreeMap<>();
            }
        }
    }

    record PyGlobal(String module, String name) {
        boolean is(String mod, String n) {
            return module.equals(mod) && name.equals(n);
        }

        boolean numpy(String sub, String n) {
            return name.equals(n) && (module.equals("numpy.core." + sub) || module.equals("numpy._core." + sub));
        }
    }

    static final class PyObject extends Py {
        final PyGlobal cls;
        final ObjRole role;
        final String ticker;
        Object args;
        Object state;
        boolean built;

        PyObject(PyGlobal cls, ObjRole role, String ticker) {
            this.cls = cls;
            this.role = role;
            this.ticker = ticker;
        }
    }

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
    }

    static final class NpArray extends Py {
        NpDtype dtype;
        long[] shape;
        byte[] data;
    }

    private static final Object NONE_IN_MEMO = new Object();

    // ---------------------------------------------------------------------------------------------
    // state

    private final InputStream in;
    private final Sink sink;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private long bufStart; // stream offset of buf[0]
    private long opOffset;

    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayDeque<Object> releaseQueue = new ArrayDeque<>();
    private int[] marks = new int[64];
    private int nMarks;
    // memo: Python memoizes almost everything at increasing indices; kept as sorted (index, value slot)
    // arrays, entries of released objects marked dead and compacted away, plus a small direct-mapped cache
    private static final int CACHE_MASK = 8191;
    private long[] mIdx = new long[1024];
    private int[] mRef = new int[1024];
    private int mSize;
    private int mDead;
    private final HashMap<Long, Integer> outOfOrder = new HashMap<>();
    private final ArrayList<Object> values = new ArrayList<>();
    private final HashMap<String, Integer> strRefs = new HashMap<>();
    private int[] strCount = new int[256];
    /** Memo indices of the strings memoized last, by identity (protocol 2 vector data arrives as str). */
    private final IdentityHashMap<String, Long> recentStrings = new IdentityHashMap<>();
    private int[] freeRefs = new int[256];
    private int nFree;
    private final long[] cIdx = new long[CACHE_MASK + 1];
    private final int[] cRef = new int[CACHE_MASK + 1];
    private long memoHigh; // 1 + highest index ever stored
    private long memoBytes;
    private long genericElements;
    private long liveVectors;

    private long opcodes;
    private int peakMemo;
    private long peakMemoBytes;
    private int peakStack;
    private long peakGeneric;
    private long peakVectors;
    private long rows;
    private long vectorsOut;

    DatalogUnpickler(InputStream in, Sink sink) {
        this.in = in;
        this.sink = sink;
        Arrays.fill(cIdx, -1);
    }

    Stats stats() {
        return new Stats(opcodes, memoHigh, peakMemo, peakMemoBytes, peakStack, peakGeneric, peakVectors, rows, vectorsOut);
    }

    /** Number of decompressed pickle bytes consumed so far. */
    long position() {
        return bufStart + bufPos;
    }

    // ---------------------------------------------------------------------------------------------
    // input

    private int u8() throws IOException {
        if (bufPos == bufLen && !fill()) {
            throw new PickleFormatException(position(), "truncated pickle: end of data inside opcode at offset " + opOffset);
        }
        return buf[bufPos++] & 0xff;
    }

    private boolean fill() throws IOException {
        bufStart += bufLen;
        bufPos = 0;
        bufLen = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        bufLen = n;
        return true;
    }

    private long le(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    private byte[] bytes(long n, String what) throws IOException {
        if (n < 0 || n > MAX_ITEM_BYTES) {
            throw err(what + " of " + n + " bytes exceeds the " + MAX_ITEM_BYTES + "-byte limit");
        }
        byte[] out = new byte[(int) n];
        int off = 0;
        while (off < n) {
            if (bufPos == bufLen && !fill()) {
                throw new PickleFormatException(position(), "truncated pickle: " + what + " of " + n
                        + " bytes ends early (opcode at offset " + opOffset + ")");
            }
            int k = Math.min(bufLen - bufPos, (int) n - off);
            System.arraycopy(buf, bufPos, out, off, k);
            bufPos += k;
            off += k;
        }
        return out;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = u8();
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= 4096) {
                throw err("text argument longer than 4096 bytes");
            }
            sb.append((char) c);
        }
    }

    private String utf8(long n) throws IOException {
        byte[] b = bytes(n, "string");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw err("string is not valid UTF-8");
        }
    }

    private PickleFormatException err(String msg) {
        return new PickleFormatException(opOffset, msg);
    }

    // ---------------------------------------------------------------------------------------------
    // stack

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw err("pickle stack deeper than " + MAX_STACK + " items");
        }
        stack.add(o);
        if (stack.size() > peakStack) {
            peakStack = stack.size();
        }
    }

    private Object pop() {
        int n = stack.size();
        if (n == 0 || (nMarks > 0 && marks[nMarks - 1] == n)) {
            throw err("pickle stack underflow");
        }
        return stack.remove(n - 1);
    }

    private Object top() {
        int n = stack.size();
        if (n == 0 || (nMarks > 0 && marks[nMarks - 1] == n)) {
            throw err("pickle stack underflow");
        }
        return stack.get(n - 1);
    }

    private int topMark() {
        return nMarks == 0 ? -1 : marks[nMarks - 1];
    }

    /** Pops everything above the topmost mark and the mark itself. */
    private Object[] popMark() {
        if (nMarks == 0) {
            throw err("no MARK on the stack");
        }
        int m = marks[--nMarks];
        List<Object> sub = stack.subList(m, stack.size());
        Object[] out = sub.toArray();
        sub.clear();
        return out;
    }

    private void countGeneric(long n) {
        genericElements += n;
        if (genericElements > MAX_GENERIC_ELEMENTS) {
            throw err("pickle holds more than " + MAX_GENERIC_ELEMENTS + " container elements outside the streamed DataLog parts");
        }
        if (genericElements > peakGeneric) {
            peakGeneric = genericElements;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // memo

    private void memoPut(long idx, Object o) {
        if (idx < 0) {
            throw err("negative memo index " + idx);
        }
        int ref = refFor(o, idx);
        if (idx >= memoHigh) {
            if (mSize == mIdx.length) {
                if (mDead > mSize / 2) {
                    compact();
                } else {
                    mIdx = Arrays.copyOf(mIdx, mSize * 2);
                    mRef = Arrays.copyOf(mRef, mSize * 2);
                }
            }
            mIdx[mSize] = idx;
            mRef[mSize++] = ref;
            memoHigh = idx + 1;
        } else { // an index below the high-water mark: overwrite, or Python's PUT out of order
            int pos = Arrays.binarySearch(mIdx, 0, mSize, idx);
            if (pos >= 0) {
                int old = mRef[pos];
                if (old < 0) {
                    mDead--;
                } else {
                    dropRef(old);
                }
                mRef[pos] = ref;
            } else {
                Integer old = outOfOrder.put(idx, ref);
                if (old != null) {
                    dropRef(old);
                }
            }
        }
        cIdx[(int) (idx & CACHE_MASK)] = idx;
        cRef[(int) (idx & CACHE_MASK)] = ref;
        if (o instanceof Py p) {
            p.memo = idx;
        }
        int live = memoLive();
        if (live > MAX_MEMO_ENTRIES || memoBytes > MAX_MEMO_BYTES) {
            throw err("pickle keeps more than " + MAX_MEMO_ENTRIES + " objects / " + MAX_MEMO_BYTES + " bytes referenceable in its memo");
        }
        peakMemo = Math.max(peakMemo, live);
        peakMemoBytes = Math.max(peakMemoBytes, memoBytes);
    }

    private int memoLive() {
        return mSize - mDead + outOfOrder.size();
    }

    /** A slot in the value table: one per distinct string, one per other object. */
    private int refFor(Object o, long idx) {
        if (o instanceof String str) {
            if (recentStrings.size() >= 1024) {
                recentStrings.clear();
            }
            recentStrings.put(str, idx);
            Integer r = strRefs.get(str);
            if (r != null) {
                strCount[r]++;
                return r;
            }
            int nr = newRef(str);
            strRefs.put(str, nr);
            if (nr >= strCount.length) {
                strCount = Arrays.copyOf(strCount, Math.max(nr + 1, strCount.length * 2));
            }
            strCount[nr] = 1;
            memoBytes += sizeOf(str);
            return nr;
        }
        memoBytes += sizeOf(o);
        return newRef(o == null ? NONE_IN_MEMO : o);
    }

    private int newRef(Object o) {
        if (nFree > 0) {
            int r = freeRefs[--nFree];
            values.set(r, o);
            return r;
        }
        values.add(o);
        return values.size() - 1;
    }

    private void dropRef(int ref) {
        Object o = values.get(ref);
        if (o instanceof String str && --strCount[ref] > 0) {
            return; // still held by another memo entry with an equal string
        }
        if (o instanceof String str) {
            strRefs.remove(str);
        }
        memoBytes -= sizeOf(o);
        values.set(ref, null);
        if (nFree == freeRefs.length) {
            freeRefs = Arrays.copyOf(freeRefs, nFree * 2);
        }
        freeRefs[nFree++] = ref;
    }

    private void compact() {
        int j = 0;
        for (int i = 0; i < mSize; i++) {
            if (mRef[i] >= 0) {
                mIdx[j] = mIdx[i];
                mRef[j++] = mRef[i];
            }
        }
        mSize = j;
        mDead = 0;
        if (mSize > mIdx.length / 2) {
            mIdx = Arrays.copyOf(mIdx, mIdx.length * 2);
            mRef = Arrays.copyOf(mRef, mRef.length * 2);
        }
    }

    /** Position of {@code idx} in the memo arrays: released objects are nearly always among the last few stored. */
    private int findRecent(long idx) {
        for (int i = mSize - 1, stop = Math.max(0, mSize - 16); i >= stop; i--) {
            if (mIdx[i] == idx) {
                return i;
            }
            if (mIdx[i] < idx) {
                return -1;
            }
        }
        return Arrays.binarySearch(mIdx, 0, mSize, idx);
    }

    private int memoRefOf(long idx) {
        int c = (int) (idx & CACHE_MASK);
        if (cIdx[c] == idx) {
            return cRef[c];
        }
        int ref = -1;
        if (!outOfOrder.isEmpty()) {
            Integer r = outOfOrder.get(idx);
            if (r != null) {
                ref = r;
            }
        }
        if (ref < 0) {
            int pos = Arrays.binarySearch(mIdx, 0, mSize, idx);
            ref = pos >= 0 ? mRef[pos] : -1;
        }
        if (ref >= 0) {
            cIdx[c] = idx;
            cRef[c] = ref;
        }
        return ref;
    }

    /** Removes the memo entry {@code idx} if it holds {@code o}. */
    private void memoDrop(long idx, Object o) {
        int c = (int) (idx & CACHE_MASK);
        if (cIdx[c] == idx) {
            cIdx[c] = -1;
        }
        Integer r = outOfOrder.isEmpty() ? null : outOfOrder.get(idx);
        if (r != null) {
            if (same(values.get(r), o)) {
                outOfOrder.remove(idx);
                dropRef(r);
            }
            return;
        }
        int pos = findRecent(idx);
        if (pos >= 0 && mRef[pos] >= 0 && same(values.get(mRef[pos]), o)) {
            dropRef(mRef[pos]);
            mRef[pos] = -1;
            mDead++;
        }
    }

    private static boolean same(Object inMemo, Object o) {
        return inMemo == o || (o instanceof String && o.equals(inMemo));
    }

    private static long sizeOf(Object o) {
        if (o instanceof String s) {
            return 40 + s.length();
        }
        if (o instanceof PyBytes b) {
            return 32 + b.b.length;
        }
        return 32;
    }

    private Object memoGet(long idx) {
        int ref = idx < 0 ? -1 : memoRefOf(idx);
        if (ref < 0) {
            if (idx >= 0 && idx < memoHigh) {
                throw err("memo entry " + idx + " refers to an object that was already streamed to the ledger and dropped"
                        + " (a DataLog row, vector or payload referenced twice), or was never stored");
            }
            throw err("memo entry " + idx + " was never stored");
        }
        Object o = values.get(ref);
        return o == NONE_IN_MEMO ? null : o;
    }

    /** Drops a consumed object (and the generic objects it holds) from the memo. */
    private void release(Object root, boolean smallBytesToo) {
        if (!(root instanceof Py)) {
            return;
        }
        ArrayDeque<Object> todo = releaseQueue;
        todo.clear();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!(o instanceof Py p) || o instanceof NpDtype) {
                continue; // strings, numbers, globals, dtypes stay referenceable
            }
            if (o instanceof PyBytes b && b.b.length <= SHARED_BYTES_MAX && !smallBytesToo) {
                continue;
            }
            if (p.memo >= 0) {
                memoDrop(p.memo, o);
                p.memo = -1;
            }
            if (o instanceof PyTuple t) {
                genericElements -= t.items.length;
                for (Object x : t.items) {
                    if (x instanceof Py) {
                        todo.push(x);
                    }
                }
            } else if (o instanceof PyList l && l.role == Role.NONE) {
                genericElements -= l.items.size();
                for (Object x : l.items) {
                    if (x instanceof Py) {
                        todo.push(x);
                    }
                }
                l.items.clear();
            } else if (o instanceof PyDict d && d.role == Role.NONE) {
                genericElements -= 2L * d.items.size();
                for (Map.Entry<Object, Object> e : d.items.entrySet()) {
                    if (e.getKey() instanceof Py) {
                        todo.push(e.getKey());
                    }
                    if (e.getValue() instanceof Py) {
                        todo.push(e.getValue());
                    }
                }
                d.items.clear();
            } else if (o instanceof PySet s) {
                genericElements -= s.items.size();
                for (Object x : s.items) {
                    if (x instanceof Py) {
                        todo.push(x);
                    }
                }
                s.items.clear();
            } else if (o instanceof NpArray a) {
                a.data = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // roles

    /** The role of a container about to be pushed at stack position {@code s}, from the parent and key below it. */
    private Role roleAt(int s) {
        int m = topMark();
        if (m >= 1 && s > m && ((s - m) & 1) == 1 && stack.get(m - 1) instanceof PyDict g && g.role != Role.NONE) {
            Role r = childRole(g.role, stack.get(s - 1));
            if (r != Role.NONE) {
                return r;
            }
        }
        if (s >= 2 && s - 2 >= m && stack.get(s - 2) instanceof PyDict p && p.role != Role.NONE) {
            return childRole(p.role, stack.get(s - 1));
        }
        return Role.NONE;
    }

    /** The dict that a container pushed at {@code s} with role {@code r} will be put into. */
    private PyDict parentAt(int s, Role r) {
        int m = topMark();
        if (m >= 1 && s > m && ((s - m) & 1) == 1 && stack.get(m - 1) instanceof PyDict g && g.role != Role.NONE
                && childRole(g.role, stack.get(s - 1)) == r) {
            return g;
        }
        return (PyDict) stack.get(s - 2);
    }

    private static Role childRole(Role parent, Object key) {
        return switch (parent) {
            case DL_STATE -> key instanceof String k ? switch (k) {
                case "blocks" -> Role.BLOCKS;
                case "challenges" -> Role.CHALLENGES;
                case "raw_payloads" -> Role.RAW;
                case "_drand_cache" -> Role.DRAND;
                default -> Role.NONE;
            } : Role.NONE;
            case CD_STATE -> "sidx".equals(key) ? Role.SIDX : Role.NONE;
            case SIDX -> key instanceof Long ? Role.ROW : Role.NONE;
            case ROW -> "emb".equals(key) ? Role.EMB : Role.NONE;
            case RAW -> key instanceof Long ? Role.RAW_STEP : Role.NONE;
            default -> Role.NONE;
        };
    }

    private void newDict() {
        int s = stack.size();
        if (s >= 1 && (nMarks == 0 || marks[nMarks - 1] < s) && stack.get(s - 1) instanceof PyObject o && !o.built) {
            if (o.role == ObjRole.DATALOG) {
                push(new PyDict(Role.DL_STATE, null, 0));
                return;
            }
            if (o.role == ObjRole.CHALLENGE) {
                push(new PyDict(Role.CD_STATE, o.ticker, 0));
                return;
            }
        }
        Role r = roleAt(s);
        switch (r) {
            case CHALLENGES, RAW, DRAND -> push(new PyDict(r, null, 0));
            case SIDX, EMB -> push(new PyDict(r, parentAt(s, r).ticker, 0));
            case ROW, RAW_STEP -> push(new PyDict(r, r == Role.ROW ? parentAt(s, r).ticker : null, (Long) stack.get(s - 1)));
            default -> push(new PyDict(Role.NONE, null, 0));
        }
    }

    private void newList() {
        int s = stack.size();
        push(new PyList(roleAt(s) == Role.BLOCKS ? Role.BLOCKS : Role.NONE));
    }

    private String tickerAt(int s) {
        int m = topMark();
        if (m >= 1 && s > m && ((s - m) & 1) == 1 && stack.get(m - 1) instanceof PyDict g && g.role == Role.CHALLENGES
                && stack.get(s - 1) instanceof String t) {
            return t;
        }
        if (s >= 2 && s - 2 >= m && stack.get(s - 2) instanceof PyDict p && p.role == Role.CHALLENGES
                && stack.get(s - 1) instanceof String t) {
            return t;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // container operations

    private void setItem(Object target, Object k, Object v) {
        if (!(target instanceof PyDict d)) {
            throw err("SETITEM on a " + typeName(target));
        }
        switch (d.role) {
            case NONE -> {
                if (d.items.put(k, v) == null) {
                    countGeneric(2);
                }
            }
            case DL_STATE -> {
                if ("blocks".equals(k)) {
                    if (!(v instanceof PyList l && l.role == Role.BLOCKS)) {
                        throw err("DataLog.blocks is a " + typeName(v) + ", not the list of block numbers");
                    }
                    d.sawBlocks = true;
                } else if ("challenges".equals(k)) {
                    if (!(v instanceof PyDict c && c.role == Role.CHALLENGES)) {
                        throw err("DataLog.challenges is a " + typeName(v) + ", not a dict of ChallengeData");
                    }
                    d.sawChallenges = true;
                } else if ("raw_payloads".equals(k)) {
                    if (!(v instanceof PyDict c && c.role == Role.RAW) && v != null) {
                        throw err("DataLog.raw_payloads is a " + typeName(v) + ", not a dict");
                    }
                } else if ("_drand_cache".equals(k)) {
                    if (!(v instanceof PyDict c && c.role == Role.DRAND) && v != null) {
                        throw err("DataLog._drand_cache is a " + typeName(v) + ", not a dict");
                    }
                }
                if (d.items.put(k, v) == null) {
                    countGeneric(2);
                }
            }
            case CHALLENGES -> {
                if (!(k instanceof String t)) {
                    throw err("DataLog.challenges key is a " + typeName(k) + ", not a ticker string");
                }
                if (!(v instanceof PyObject o && o.role == ObjRole.CHALLENGE && t.equals(o.ticker))) {
                    throw err("DataLog.challenges[" + t + "] is a " + typeName(v) + ", not a ChallengeData");
                }
                release(v, true);
            }
            case CD_STATE -> {
                if ("sidx".equals(k)) {
                    if (!(v instanceof PyDict s && s.role == Role.SIDX) && v != null) {
                        throw err("ChallengeData.sidx of " + d.ticker + " is a " + typeName(v) + ", not a dict");
                    }
                    release(v, true);
                } else if (d.items.put(k, v) == null) {
                    countGeneric(2);
                }
            }
            case SIDX -> {
                if (!(k instanceof Long)) {
                    throw err(d.ticker + " sample index is a " + typeName(k) + ", not an int");
                }
                if (!(v instanceof PyDict r && r.role == Role.ROW && r.key == (Long) k)) {
                    throw err(d.ticker + " row " + k + " is a " + typeName(v) + ", not a dict");
                }
                emitRow(r);
                release(r, true);
            }
            case ROW -> {
                if (d.emitted && ("price".equals(k) || "emb".equals(k))) {
                    throw err(d.ticker + " row " + d.key + " changed after it was complete");
                }
                if ("price".equals(k)) {
                    d.price = v instanceof Number n && !(v instanceof Boolean) ? n.doubleValue() : null;
                    d.hasPrice = true;
                } else if ("emb".equals(k)) {
                    if (v instanceof PyDict e && e.role == Role.EMB) {
                        d.vecs.putAll(e.vecs);
                        e.vecs.clear();
                        release(e, true);
                    } else if (v != null) {
                        throw err(d.ticker + " row " + d.key + " emb is a " + typeName(v) + ", not a dict");
                    }
                    d.hasEmb = true;
                } else {
                    release(v, false); // "hotkeys" (the same names as the emb keys) and anything else
                }
                if (d.hasPrice && d.hasEmb) {
                    emitRow(d);
                }
            }
            case EMB -> {
                if (!(k instanceof String hk)) {
                    throw err(d.ticker + " embedding key is a " + typeName(k) + ", not a hotkey string");
                }
                short[] vec = vector(v);
                release(v, true);
                if (d.vecs.put(hk, vec) == null) {
                    liveVectors++;
                    if (liveVectors > MAX_LIVE_VECTORS) {
                        throw err("more than " + MAX_LIVE_VECTORS + " embedding vectors pending at once");
                    }
                    peakVectors = Math.max(peakVectors, liveVectors);
                }
            }
            case RAW -> {
                if (!(k instanceof Long)) {
                    throw err("raw_payloads key is a " + typeName(k) + ", not a step index");
                }
                if (!(v instanceof PyDict r && r.role == Role.RAW_STEP)) {
                    throw err("raw_payloads[" + k + "] is a " + typeName(v) + ", not a dict");
                }
                release(v, true);
            }
            case RAW_STEP -> {
                if (!(k instanceof String hk)) {
                    throw err("raw_payloads[" + d.key + "] key is a " + typeName(k) + ", not a hotkey");
                }
                sink.rawPayload(d.key, hk, bytesOf(v, "raw payload"));
                release(v, false);
            }
            case DRAND -> {
                if (!(k instanceof Long r)) {
                    throw err("_drand_cache key is a " + typeName(k) + ", not a round number");
                }
                sink.drand(r, bytesOf(v, "drand signature"));
                release(v, false);
            }
            default -> throw err("SETITEM on a " + d.role);
        }
    }

    private void emitRow(PyDict r) {
        if (r.emitted) {
            return;
        }
        r.emitted = true;
        liveVectors -= r.vecs.size();
        rows++;
        vectorsOut += r.vecs.size();
        sink.row(r.ticker, r.key, r.price, r.vecs);
        r.vecs = new TreeMap<>();
        release(r, true); // the emptied shell may wait on the stack for its batch's SETITEMS; it is not referenced again
    }

    private void append(Object target, Object v) {
        if (target instanceof PyList l) {
            if (l.role == Role.BLOCKS) {
                long b;
                if (v instanceof Long x) {
                    b = x;
                } else {
                    throw err("DataLog.blocks[" + l.count + "] is a " + typeName(v) + ", not a block number");
                }
                sink.block(l.count++, b);
            } else {
                l.items.add(v);
                countGeneric(1);
            }
        } else if (target instanceof PyObject o && o.role == ObjRole.NONE) {
            countGeneric(1); // list subclass: kept as the object's args
        } else {
            throw err("APPEND on a " + typeName(target));
        }
    }

    private short[] vector(Object v) {
        if (v instanceof NpArray a) {
            return float16Bits(a);
        }
        if (v instanceof PyList l && l.role == Role.NONE) {
            if (l.items.size() > MAX_VECTOR_LEN) {
                throw err("embedding list of " + l.items.size() + " values");
            }
            short[] out = new short[l.items.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.items.get(i) instanceof Number n) || l.items.get(i) instanceof Boolean) {
                    throw err("embedding list holds a " + typeName(l.items.get(i)));
                }
                out[i] = Half.fromFloat(n.floatValue());
            }
            return out;
        }
        throw err("embedding is neither a numpy array nor a list: " + typeName(v));
    }

    private short[] float16Bits(NpArray a) {
        if (a.dtype == null || a.shape == null || a.data == null) {
            throw err("numpy array without dtype, shape or data");
        }
        long expect = 1;
        for (long s : a.shape) {
            expect *= s;
        }
        int size = a.dtype.floatSize;
        if (size == 0) {
            throw err("embedding of unsupported numpy dtype " + a.dtype.code);
        }
        if (a.data.length != expect * size) {
            throw err("numpy array of shape " + Arrays.toString(a.shape) + " and dtype " + a.dtype.code + " holds "
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

    private long[] shapeOf(Object o) {
        if (!(o instanceof PyTuple t)) {
            throw err("numpy shape is a " + typeName(o) + ", not a tuple");
        }
        long[] s = new long[t.items.length];
        long total = 1;
        for (int i = 0; i < s.length; i++) {
            if (!(t.items[i] instanceof Long x) || x < 0) {
                throw err("numpy dimension is not a non-negative int");
            }
            s[i] = x;
            total *= s[i];
            if (total > MAX_VECTOR_LEN) {
                throw err("numpy array of shape " + Arrays.toString(Arrays.copyOf(s, i + 1)) + "… is too large for an embedding");
            }
        }
        return s;
    }

    private byte[] bytesOf(Object o, String what) {
        if (o instanceof PyBytes b) {
            return b.b;
        }
        if (o instanceof String s) { // protocol 2 pickles of Python 2 str
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw err(what + " is a " + typeName(o) + ", not bytes");
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyDict d) {
            return d.role == Role.NONE ? "dict" : "dict (" + d.role + ")";
        }
        if (o instanceof PyList) {
            return "list";
        }
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof PyBytes) {
            return "bytes";
        }
        if (o instanceof PySet) {
            return "set";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof PyObject p) {
            return p.cls.module() + "." + p.cls.name() + " object";
        }
        if (o instanceof PyGlobal g) {
            return "global " + g.module() + "." + g.name();
        }
        if (o instanceof NpArray) {
            return "numpy array";
        }
        if (o instanceof NpDtype) {
            return "numpy dtype";
        }
        return o.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------------------------------------
    // calls

    private Object call(Object callable, Object argsObj) {
        if (!(callable instanceof PyGlobal g)) {
            throw err("REDUCE of a " + typeName(callable) + ", not a global");
        }
        if (!(argsObj instanceof PyTuple t)) {
            throw err("REDUCE arguments are a " + typeName(argsObj) + ", not a tuple");
        }
        Object[] a = t.items;
        if (g.is("numpy", "dtype")) {
            if (a.length < 1 || !(a[0] instanceof String code)) {
                throw err("numpy.dtype needs a type code");
            }
            return new NpDtype(code);
        }
        if (g.numpy("numeric", "_frombuffer")) {
            if (a.length < 3 || !(a[1] instanceof NpDtype d)) {
                throw err("numpy _frombuffer needs (buffer, dtype, shape, order)");
            }
            NpArray arr = new NpArray();
            arr.data = bytesOf(a[0], "numpy buffer");
            arr.dtype = d;
            arr.shape = shapeOf(a[2]);
            release(t, true);
            return arr;
        }
        if (g.numpy("multiarray", "_reconstruct")) {
            release(t, false); // numpy passes the same b"b" object every time: it stays referenceable
            return new NpArray();
        }
        if (g.is("_codecs", "encode")) {
            if (a.length < 1 || !(a[0] instanceof String s) || (a.length > 1 && !(a[1] instanceof String))) {
                throw err("_codecs.encode needs (str, encoding)");
            }
            Long strMemo = recentStrings.remove(s);
            if (strMemo != null) {
                memoDrop(strMemo, s); // the data string of one bytes object: not referenced again
            }
            release(t, false);
            String enc = a.length > 1 ? ((String) a[1]).toLowerCase(java.util.Locale.ROOT).replace('-', '_') : "utf_8";
            byte[] b = switch (enc) {
                case "latin1", "latin_1", "iso8859_1", "iso_8859_1" -> {
                    for (int i = 0; i < s.length(); i++) {
                        if (s.charAt(i) > 0xff) {
                            throw err("_codecs.encode: character outside latin-1");
                        }
                    }
                    yield s.getBytes(StandardCharsets.ISO_8859_1);
                }
                case "utf8", "utf_8" -> s.getBytes(StandardCharsets.UTF_8);
                default -> throw err("_codecs.encode with unsupported encoding " + a[1]);
            };
            return new PyBytes(b);
        }
        if ((g.module().equals("builtins") || g.module().equals("__builtin__")) && (g.name().equals("bytes") || g.name().equals("bytearray"))) {
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
                        throw err(g.name() + "() of a list that is not of byte values");
                    }
                    b[i] = (byte) (long) x;
                }
                return new PyBytes(b);
            }
            if (a.length >= 2 && a[0] instanceof String s && a[1] instanceof String) {
                return new PyBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            }
            throw err("unsupported " + g.name() + "() arguments");
        }
        if (g.is("copyreg", "_reconstructor") || g.is("copy_reg", "_reconstructor")) {
            if (a.length < 1 || !(a[0] instanceof PyGlobal cls)) {
                throw err("copyreg._reconstructor needs a class");
            }
            return newObject(cls, stack.size());
        }
        PyObject o = new PyObject(g, ObjRole.NONE, null);
        o.args = t;
        return o;
    }

    private PyObject newObject(PyGlobal cls, int at) {
        if (cls.name().equals("DataLog")) {
            return new PyObject(cls, ObjRole.DATALOG, null);
        }
        if (cls.name().equals("ChallengeData")) {
            String t = tickerAt(at);
            if (t != null) {
                return new PyObject(cls, ObjRole.CHALLENGE, t);
            }
        }
        return new PyObject(cls, ObjRole.NONE, null);
    }

    private void build(Object target, Object state) {
        if (target instanceof NpDtype d) {
            if (state instanceof PyTuple t && t.items.length > 1 && t.items[1] instanceof String s) {
                d.bigEndian = s.equals(">");
            }
            release(state, true);
            return;
        }
        if (target instanceof NpArray a) {
            if (!(state instanceof PyTuple t) || t.items.length < 4) {
                throw err("unexpected numpy array state: " + typeName(state));
            }
            Object[] s = t.items;
            int o = s.length == 5 ? 1 : 0;
            a.shape = shapeOf(s[o]);
            if (!(s[o + 1] instanceof NpDtype dt)) {
                throw err("numpy array state without a dtype");
            }
            a.dtype = dt;
            Object data = s[o + 3];
            if (data instanceof PyList l) {
                throw err("numpy array of Python objects (" + l.items.size() + " items) is not an embedding");
            }
            a.data = bytesOf(data, "numpy array data");
            release(t, true);
            return;
        }
        if (!(target instanceof PyObject p)) {
            throw err("BUILD on a " + typeName(target));
        }
        Object st = state;
        if (state instanceof PyTuple t && t.items.length == 2 && (t.items[0] == null || t.items[0] instanceof PyDict)) {
            st = t.items[0]; // (state dict, slots dict)
        }
        if (p.role == ObjRole.DATALOG) {
            if (!(st instanceof PyDict d && d.role == Role.DL_STATE)) {
                throw err("DataLog state is a " + typeName(st) + ", not its attribute dict");
            }
            if (!d.sawBlocks) {
                throw err("DataLog has no blocks");
            }
            if (!d.sawChallenges) {
                throw err("DataLog has no challenges");
            }
            d.items.clear();
        } else if (p.role == ObjRole.CHALLENGE) {
            if (!(st instanceof PyDict d && d.role == Role.CD_STATE)) {
                throw err("ChallengeData state is a " + typeName(st) + ", not its attribute dict");
            }
            d.items.clear();
        } else {
            p.state = state;
        }
        p.built = true;
    }

    // ---------------------------------------------------------------------------------------------
    // the interpreter

    /** Runs the pickle to its STOP and returns the root object (the DataLog, checked). */
    Object run() throws IOException {
        while (true) {
            opOffset = position();
            if (bufPos == bufLen && !fill()) {
                throw new PickleFormatException(position(), "truncated pickle: no STOP opcode");
            }
            opOffset = position();
            int op = buf[bufPos++] & 0xff;
            opcodes++;
            switch (op) {
                case 0x80 -> { // PROTO
                    int p = u8();
                    if (p < 2 || p > 5) {
                        throw err("unsupported pickle protocol " + p);
                    }
                }
                case 0x95 -> { // FRAME
                    long n = le(8);
                    if (n < 0) {
                        throw err("negative frame length");
                    }
                }
                case '.' -> { // STOP
                    Object root = pop();
                    return root;
                }
                case '(' -> {
                    if (nMarks == marks.length) {
                        if (nMarks >= MAX_STACK) {
                            throw err("too many nested MARKs");
                        }
                        marks = Arrays.copyOf(marks, nMarks * 2);
                    }
                    marks[nMarks++] = stack.size();
                }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(top());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) (int) le(4));
                case 'K' -> push((long) u8());
                case 'M' -> push(le(2));
                case 0x8a -> push(longOf(bytes(u8(), "LONG1")));
                case 0x8b -> {
                    long n = (int) le(4);
                    if (n < 0 || n > 4096) {
                        throw err("LONG4 of " + n + " bytes");
                    }
                    push(longOf(bytes(n, "LONG4")));
                }
                case 'G' -> {
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = (bits << 8) | u8();
                    }
                    push(Double.longBitsToDouble(bits));
                }
                case 0x8c -> push(utf8(u8()));
                case 'X' -> push(utf8(le(4)));
                case 0x8d -> push(utf8(le(8)));
                case 'U' -> push(new String(bytes(u8(), "SHORT_BINSTRING"), StandardCharsets.ISO_8859_1));
                case 'T' -> push(new String(bytes((int) le(4), "BINSTRING"), StandardCharsets.ISO_8859_1));
                case 'C' -> push(new PyBytes(bytes(u8(), "SHORT_BINBYTES")));
                case 'B' -> push(new PyBytes(bytes(le(4), "BINBYTES")));
                case 0x8e -> push(new PyBytes(bytes(le(8), "BINBYTES8")));
                case 0x96 -> push(new PyBytes(bytes(le(8), "BYTEARRAY8")));
                case 0x97 -> throw err("NEXT_BUFFER: the pickle refers to an out-of-band buffer, which a file does not carry");
                case 0x98 -> top(); // READONLY_BUFFER: nothing to do on an in-band value
                case ')' -> push(new PyTuple(new Object[0]));
                case 't' -> {
                    Object[] items = popMark();
                    countGeneric(items.length);
                    push(new PyTuple(items));
                }
                case 0x85, 0x86, 0x87 -> {
                    int n = op - 0x84;
                    Object[] items = new Object[n];
                    for (int i = n - 1; i >= 0; i--) {
                        items[i] = pop();
                    }
                    countGeneric(n);
                    push(new PyTuple(items));
                }
                case ']' -> newList();
                case 'l' -> {
                    Object[] items = popMark();
                    PyList l = new PyList(Role.NONE);
                    l.items.addAll(Arrays.asList(items));
                    countGeneric(items.length);
                    push(l);
                }
                case 'a' -> {
                    Object v = pop();
                    append(top(), v);
                }
                case 'e' -> {
                    Object[] items = popMark();
                    Object target = top();
                    for (Object v : items) {
                        append(target, v);
                    }
                }
                case '}' -> newDict();
                case 'd' -> {
                    Object[] items = popMark();
                    if ((items.length & 1) != 0) {
                        throw err("DICT with an odd number of items");
                    }
                    PyDict d = new PyDict(Role.NONE, null, 0);
                    for (int i = 0; i < items.length; i += 2) {
                        setItem(d, items[i], items[i + 1]);
                    }
                    push(d);
                }
                case 's' -> {
                    Object v = pop();
                    Object k = pop();
                    setItem(top(), k, v);
                }
                case 'u' -> {
                    Object[] items = popMark();
                    if ((items.length & 1) != 0) {
                        throw err("SETITEMS with an odd number of items");
                    }
                    Object target = top();
                    for (int i = 0; i < items.length; i += 2) {
                        setItem(target, items[i], items[i + 1]);
                    }
                }
                case 0x8f -> push(new PySet());
                case 0x90 -> {
                    Object[] items = popMark();
                    if (!(top() instanceof PySet set)) {
                        throw err("ADDITEMS on a " + typeName(top()));
                    }
                    set.items.addAll(Arrays.asList(items));
                    countGeneric(items.length);
                }
                case 0x91 -> {
                    Object[] items = popMark();
                    PySet set = new PySet();
                    set.items.addAll(Arrays.asList(items));
                    countGeneric(items.length);
                    push(set);
                }
                case 'c' -> {
                    String mod = line();
                    String name = line();
                    push(global(mod, name));
                }
                case 0x93 -> {
                    Object name = pop();
                    Object mod = pop();
                    if (!(mod instanceof String m) || !(name instanceof String n)) {
                        throw err("STACK_GLOBAL needs two strings, got " + typeName(mod) + " and " + typeName(name));
                    }
                    push(global(m, n));
                }
                case 'R' -> {
                    Object args = pop();
                    Object callable = pop();
                    push(call(callable, args));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    Object cls = pop();
                    if (!(cls instanceof PyGlobal g)) {
                        throw err("NEWOBJ of a " + typeName(cls));
                    }
                    if (!(args instanceof PyTuple t)) {
                        throw err("NEWOBJ arguments are a " + typeName(args));
                    }
                    PyObject o = newObject(g, stack.size());
                    o.args = t;
                    push(o);
                }
                case 0x92 -> { // NEWOBJ_EX
                    Object kwargs = pop();
                    Object args = pop();
                    Object cls = pop();
                    if (!(cls instanceof PyGlobal g)) {
                        throw err("NEWOBJ_EX of a " + typeName(cls));
                    }
                    PyObject o = newObject(g, stack.size());
                    o.args = new PyTuple(new Object[]{args, kwargs});
                    push(o);
                }
                case 'b' -> {
                    Object state = pop();
                    build(top(), state);
                }
                case 'p' -> memoPut(parseIndex(line()), top());
                case 'q' -> memoPut(u8(), top());
                case 'r' -> memoPut(le(4), top());
                case 0x94 -> memoPut(memoHigh, top()); // len(memo) in Python: entries dropped here still count there
                case 'g' -> push(memoGet(parseIndex(line())));
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(le(4)));
                default -> throw err(String.format("unsupported pickle opcode 0x%02x%s", op,
                        op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : ""));
            }
        }
    }

    private long parseIndex(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw err("memo index is not a number");
        }
    }

    private PyGlobal global(String mod, String name) {
        if (mod.length() > 256 || name.length() > 256) {
            throw err("global name too long");
        }
        // protocol 2 pickles written by Python 3 map names back to Python 2's
        if (mod.equals("__builtin__")) {
            mod = "builtins";
        } else if (mod.equals("copy_reg")) {
            mod = "copyreg";
        }
        return new PyGlobal(mod, name);
    }

    private static Object longOf(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** Checks that {@code root} is the DataLog whose parts were streamed. */
    void checkRoot(Object root) {
        if (!(root instanceof PyObject o) || o.role != ObjRole.DATALOG) {
            throw new NotADatalogException(typeName(root));
        }
        if (!o.built) {
            throw err("DataLog object without state");
        }
    }

    /** The pickle holds something other than a DataLog. */
    static final class NotADatalogException extends RuntimeException {
        NotADatalogException(String what) {
            super(what);
        }
    }
}
