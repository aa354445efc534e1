package io.tao4j.mantis.ledger;

import io.tao4j.mantis.ledger.PickleValues.Py;
import io.tao4j.mantis.ledger.PickleValues.PyBytes;
import io.tao4j.mantis.ledger.PickleValues.PyDict;
import io.tao4j.mantis.ledger.PickleValues.PyGlobal;
import io.tao4j.mantis.ledger.PickleValues.PyList;
import io.tao4j.mantis.ledger.PickleValues.PyObject;
import io.tao4j.mantis.ledger.PickleValues.PySet;
import io.tao4j.mantis.ledger.PickleValues.PyTuple;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tao4j.mantis.ledger.PickleValues.typeName;

/**
 * A streaming pickle interpreter (protocols 2–5) that executes nothing: it decodes the opcodes, keeps the
 * stack, marks and {@link PickleMemo memo}, and builds {@link PickleValues} — and leaves every decision about
 * what the pickle may hold to a <em>shape</em>, its subclass, through hooks:
 *
 * <ul>
 *   <li>{@link #admitGlobal} sees every class or function the stream names (GLOBAL, STACK_GLOBAL, INST),
 *       wherever it appears, and refuses what the shape does not know;</li>
 *   <li>{@link #call} (REDUCE), {@link #newObject} (NEWOBJ, NEWOBJ_EX), {@link #build} (BUILD) decide what an
 *       admitted global makes;</li>
 *   <li>{@link #newDict}, {@link #newList}, {@link #setItem}, {@link #append} let the shape give a container a
 *       role when it is created (Python's pickler writes a container empty and then fills it, so its parent and
 *       key are already on the stack) and consume its items as they arrive instead of storing them.</li>
 * </ul>
 *
 * <p>The machine itself is bounded: item lengths ({@link #MAX_ITEM_BYTES}), stack depth ({@link #MAX_STACK}),
 * memo entries and bytes ({@link PickleMemo}), and elements held by plain containers
 * ({@link #MAX_GENERIC_ELEMENTS}). Every failure is a {@link PickleFormatException} naming the offset (in the
 * decompressed stream) of the opcode being executed. Out-of-band buffers ({@code NEXT_BUFFER}) are refused:
 * a file carries none. Protocol 0/1 text opcodes other than GLOBAL and the PUT/GET forms are not supported.
 */
abstract class PickleMachine {
    static final int MAX_ITEM_BYTES = 16 << 20;
    static final int MAX_STACK = 1 << 20;
    static final long MAX_GENERIC_ELEMENTS = 1L << 24;
    /** Bytes objects up to this length stay referenceable when released (pickles share small ones). */
    static final int SHARED_BYTES_MAX = 64;

    /** Malformed, unsupported or refused pickle content, with the offset of the opcode that failed. */
    static final class PickleFormatException extends RuntimeException {
        final long offset;

        PickleFormatException(long offset, String msg) {
            super(msg + " (at pickle offset " + offset + ")");
            this.offset = offset;
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private long bufStart; // stream offset of buf[0]
    private long opOffset;

    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayDeque<Object> releaseQueue = new ArrayDeque<>();
    private int[] marks = new int[64];
    private int nMarks;
    final PickleMemo memo = new PickleMemo(this);
    private long genericElements;

    private long opcodes;
    private int peakStack;
    private long peakGeneric;

    PickleMachine(InputStream in) {
        this.in = in;
    }

    // ---------------------------------------------------------------------------------------------
    // hooks

    /** Every global the stream names, after Python 2 names are mapped to Python 3's; throws to refuse it. */
    protected abstract void admitGlobal(PyGlobal g);

    /** REDUCE: what calling the admitted global {@code g} with {@code args} makes. */
    protected abstract Object call(PyGlobal g, PyTuple args);

    /** NEWOBJ / NEWOBJ_EX of the admitted class {@code cls}, to be pushed at stack position {@code at}. */
    protected PyObject newObject(PyGlobal cls, int at) {
        return new PyObject(cls);
    }

    /** BUILD: sets {@code state} on {@code target}. */
    protected void build(Object target, Object state) {
        if (!(target instanceof PyObject p) || !p.plain()) {
            throw err("BUILD on a " + typeName(target));
        }
        p.state = state;
        p.built = true;
    }

    /** EMPTY_DICT: pushes a new dict. */
    protected void newDict() {
        push(new PyDict());
    }

    /** EMPTY_LIST: pushes a new list. */
    protected void newList() {
        push(new PyList());
    }

    /** SETITEM / SETITEMS / DICT: {@code target[k] = v}. */
    protected void setItem(Object target, Object k, Object v) {
        if (!(target instanceof PyDict d) || !d.plain()) {
            throw err("SETITEM on a " + typeName(target));
        }
        if (d.items.put(k, v) == null) {
            countGeneric(2);
        }
    }

    /** APPEND / APPENDS: {@code target.append(v)}. */
    protected void append(Object target, Object v) {
        if (target instanceof PyList l && l.plain()) {
            l.items.add(v);
            countGeneric(1);
        } else if (target instanceof PyObject o && o.plain()) {
            countGeneric(1); // a list subclass: the items are not kept
        } else {
            throw err("APPEND on a " + typeName(target));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // for the shape

    /** A named error at the offset of the opcode being executed. */
    PickleFormatException err(String msg) {
        return new PickleFormatException(opOffset, msg);
    }

    /** Number of decompressed pickle bytes consumed so far. */
    long position() {
        return bufStart + bufPos;
    }

    long opcodes() {
        return opcodes;
    }

    int peakStack() {
        return peakStack;
    }

    long peakGenericElements() {
        return peakGeneric;
    }

    int stackSize() {
        return stack.size();
    }

    Object stackAt(int i) {
        return stack.get(i);
    }

    /** Stack position of the topmost MARK, or -1. */
    int topMark() {
        return nMarks == 0 ? -1 : marks[nMarks - 1];
    }

    void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw err("pickle stack deeper than " + MAX_STACK + " items");
        }
        stack.add(o);
        if (stack.size() > peakStack) {
            peakStack = stack.size();
        }
    }

    /** Counts {@code n} more elements held by plain containers, against {@link #MAX_GENERIC_ELEMENTS}. */
    void countGeneric(long n) {
        genericElements += n;
        if (genericElements > MAX_GENERIC_ELEMENTS) {
            throw err("pickle holds more than " + MAX_GENERIC_ELEMENTS + " container elements that are not streamed");
        }
        if (genericElements > peakGeneric) {
            peakGeneric = genericElements;
        }
    }

    /**
     * Drops a consumed object, and the plain objects it holds, from the memo (strings, numbers, globals,
     * pinned objects and, unless {@code smallBytesToo}, bytes up to {@link #SHARED_BYTES_MAX} stay referenceable).
     */
    void release(Object root, boolean smallBytesToo) {
        if (!(root instanceof Py)) {
            return;
        }
        ArrayDeque<Object> todo = releaseQueue;
        todo.clear();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!(o instanceof Py p) || p.pinned()) {
                continue;
            }
            if (o instanceof PyBytes b && b.b.length <= SHARED_BYTES_MAX && !smallBytesToo) {
                continue;
            }
            if (p.memo >= 0) {
                memo.drop(p.memo, o);
                p.memo = -1;
            }
            genericElements -= p.releaseInto(todo);
        }
    }

    /** The bytes of {@code o}: a bytes object, or a protocol 2 pickle's Python 2 str (latin-1). */
    byte[] bytesOf(Object o, String what) {
        if (o instanceof PyBytes b) {
            return b.b;
        }
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw err(what + " is a " + typeName(o) + ", not bytes");
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

    // ---------------------------------------------------------------------------------------------
    // stack

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

    // ---------------------------------------------------------------------------------------------
    // the interpreter

    /** Runs the pickle to its STOP and returns the root object. */
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
                    return pop();
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
                    PyList l = new PyList();
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
                    PyDict d = new PyDict();
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
                case 'i' -> { // INST (protocol 0/1): the class is checked like any global, then refused as unsupported
                    String mod = line();
                    String name = line();
                    global(mod, name);
                    throw err("unsupported pickle opcode INST (protocol 0/1) for " + mod + "." + name);
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
                    if (!(callable instanceof PyGlobal g)) {
                        throw err("REDUCE of a " + typeName(callable) + ", not a global");
                    }
                    if (!(args instanceof PyTuple t)) {
                        throw err("REDUCE arguments are a " + typeName(args) + ", not a tuple");
                    }
                    push(call(g, t));
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
                case 'p' -> memo.put(parseIndex(line()), top());
                case 'q' -> memo.put(u8(), top());
                case 'r' -> memo.put(le(4), top());
                case 0x94 -> memo.put(memo.high(), top()); // len(memo) in Python: entries dropped here still count there
                case 'g' -> push(memo.get(parseIndex(line())));
                case 'h' -> push(memo.get(u8()));
                case 'j' -> push(memo.get(le(4)));
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
        PyGlobal g = new PyGlobal(mod, name);
        admitGlobal(g);
        return g;
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
}
