package io.tao4j.mantis.ledger;

import io.tao4j.mantis.ledger.PickleValues.PyDict;
import io.tao4j.mantis.ledger.PickleValues.PyGlobal;
import io.tao4j.mantis.ledger.PickleValues.PyList;
import io.tao4j.mantis.ledger.PickleValues.PyObject;
import io.tao4j.mantis.ledger.PickleValues.PyTuple;

import java.io.InputStream;
import java.util.TreeMap;

import static io.tao4j.mantis.ledger.PickleValues.typeName;

/**
 * The shape of MANTIS's pickled {@code DataLog} (ledger.py at commit 2e9bc5b) on a {@link PickleMachine}: it
 * recognises the DataLog's object graph while the machine parses, and hands every completed piece to a
 * {@link Sink} as soon as it is complete instead of building the whole graph.
 *
 * <p>Containers of interest get a role when they are created: the DataLog's state dict, its {@code blocks}
 * list, {@code challenges}, each {@code ChallengeData}'s state and {@code sidx} dict, the per-sample rows
 * {@code {"hotkeys", "price", "emb"}} and their {@code emb} dicts, {@code raw_payloads} (and its per-step
 * dicts) and {@code _drand_cache}. Role containers do not store their items: a block number is passed on
 * when it is appended, a vector is converted to float16 bits ({@link DatalogNumpy}) when it is put into an
 * {@code emb} dict, and a row is passed on as soon as it holds both its price and its {@code emb} dict (or
 * when it is put into its {@code sidx} dict). Everything else is built as plain objects, under the machine's
 * budgets. Objects that have been passed on (rows, emb dicts, numpy arrays with their buffers, shape and
 * argument tuples, hotkey lists, large payloads) are released from the memo; strings, globals, dtypes and
 * small objects stay referenceable, as the pickler references them again (hotkeys, dict keys, the
 * {@code float16} dtype, {@code b"{}"} payloads).
 */
final class DatalogUnpickler extends PickleMachine {
    static final long MAX_LIVE_VECTORS = 1L << 22;

    /** Receives the DataLog's content as it is parsed. */
    interface Sink {
        void block(long idx, long block);

        void row(String ticker, long sidx, Double price, TreeMap<String, short[]> vectors);

        void rawPayload(long ts, String hotkey, byte[] payload);

        void drand(long round, byte[] signature);
    }

    /** Figures about what the reader held, for tests and the benchmark. */
    record Stats(long opcodes, long memoHighWater, int peakRetainedMemo, long peakRetainedMemoBytes,
                 int peakStack, long peakGenericElements, long peakLiveVectors, long rowsEmitted, long vectorsEmitted) {
    }

    /** The pickle holds something other than a DataLog. */
    static final class NotADatalogException extends RuntimeException {
        NotADatalogException(String what) {
            super(what);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // roles

    enum Role { DL_STATE, BLOCKS, CHALLENGES, CD_STATE, SIDX, ROW, EMB, RAW, RAW_STEP, DRAND }

    enum ObjRole { DATALOG, CHALLENGE }

    /** A dict with a role: its items are consumed, not stored (except the DataLog's own attributes). */
    static final class RoleDict extends PyDict {
        final Role role;
        final String ticker;
        final long key;
        // ROW / EMB
        TreeMap<String, short[]> vecs;
        Double price;
        boolean hasPrice;
        boolean hasEmb;
        boolean emitted;
        // DL_STATE
        boolean sawBlocks;
        boolean sawChallenges;

        RoleDict(Role role, String ticker, long key) {
            this.role = role;
            this.ticker = ticker;
            this.key = key;
            if (role == Role.ROW || role == Role.EMB) {
                vecs = new TreeMap<>();
            }
        }

        @Override
        boolean plain() {
            return false;
        }

        @Override
        String describe() {
            return "dict (" + role + ")";
        }
    }

    /** {@code DataLog.blocks}: block numbers are passed on as they are appended. */
    static final class BlocksList extends PyList {
        long count;

        @Override
        boolean plain() {
            return false;
        }
    }

    /** The DataLog, or a ChallengeData under {@code challenges[ticker]}. */
    static final class RoleObject extends PyObject {
        final ObjRole role;
        final String ticker;

        RoleObject(PyGlobal cls, ObjRole role, String ticker) {
            super(cls);
            this.role = role;
            this.ticker = ticker;
        }

        @Override
        boolean plain() {
            return false;
        }
    }

    private final Sink sink;
    private long liveVectors;
    private long peakVectors;
    private long rows;
    private long vectorsOut;

    DatalogUnpickler(InputStream in, Sink sink) {
        super(in);
        this.sink = sink;
    }

    Stats stats() {
        return new Stats(opcodes(), memo.high(), memo.peakEntries(), memo.peakBytes(), peakStack(), peakGenericElements(),
                peakVectors, rows, vectorsOut);
    }

    /** Checks that {@code root} is the DataLog whose parts were streamed. */
    void checkRoot(Object root) {
        if (!(root instanceof RoleObject o) || o.role != ObjRole.DATALOG) {
            throw new NotADatalogException(typeName(root));
        }
        if (!o.built) {
            throw err("DataLog object without state");
        }
    }

    private static Role roleOf(Object o) {
        return o instanceof RoleDict d ? d.role : null;
    }

    /** The role of a container about to be pushed at stack position {@code s}, from the parent and key below it. */
    private Role roleAt(int s) {
        int m = topMark();
        if (m >= 1 && s > m && ((s - m) & 1) == 1 && stackAt(m - 1) instanceof RoleDict g) {
            Role r = childRole(g.role, stackAt(s - 1));
            if (r != null) {
                return r;
            }
        }
        if (s >= 2 && s - 2 >= m && stackAt(s - 2) instanceof RoleDict p) {
            return childRole(p.role, stackAt(s - 1));
        }
        return null;
    }

    /** The dict that a container pushed at {@code s} with role {@code r} will be put into. */
    private RoleDict parentAt(int s, Role r) {
        int m = topMark();
        if (m >= 1 && s > m && ((s - m) & 1) == 1 && stackAt(m - 1) instanceof RoleDict g
                && childRole(g.role, stackAt(s - 1)) == r) {
            return g;
        }
        return (RoleDict) stackAt(s - 2);
    }

    private static Role childRole(Role parent, Object key) {
        return switch (parent) {
            case DL_STATE -> key instanceof String k ? switch (k) {
                case "blocks" -> Role.BLOCKS;
                case "challenges" -> Role.CHALLENGES;
                case "raw_payloads" -> Role.RAW;
                case "_drand_cache" -> Role.DRAND;
                default -> null;
            } : null;
            case CD_STATE -> "sidx".equals(key) ? Role.SIDX : null;
            case SIDX -> key instanceof Long ? Role.ROW : null;
            case ROW -> "emb".equals(key) ? Role.EMB : null;
            case RAW -> key instanceof Long ? Role.RAW_STEP : null;
            default -> null;
        };
    }

    private String tickerAt(int s) {
        int m = topMark();
        if (m >= 1 && s > m && ((s - m) & 1) == 1 && roleOf(stackAt(m - 1)) == Role.CHALLENGES
                && stackAt(s - 1) instanceof String t) {
            return t;
        }
        if (s >= 2 && s - 2 >= m && roleOf(stackAt(s - 2)) == Role.CHALLENGES && stackAt(s - 1) instanceof String t) {
            return t;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // hooks

    /**
     * Whether a DataLog pickle may name {@code g}: the DataLog's own classes ({@code DataLog}, {@code ChallengeData},
     * from ledger.py imported as {@code ledger}, a package's {@code *.ledger}, or run as {@code __main__}), its
     * {@code Timelock} (from the {@code timelock} wheel, or as ledger.py's or {@code __main__}'s name for it;
     * {@code gen} is the module of the stand-in the reference fixture generator used), {@code asyncio.locks.Lock},
     * numpy's {@code dtype}, {@code ndarray}, {@code _reconstruct} and {@code _frombuffer}, {@code _codecs.encode},
     * {@code bytes} / {@code bytearray}, and {@code copyreg._reconstructor} with {@code object}.
     */
    static boolean knownGlobal(PyGlobal g) {
        String m = g.module();
        boolean ledger = m.equals("ledger") || m.equals("__main__") || m.endsWith(".ledger");
        return switch (g.name()) {
            case "DataLog", "ChallengeData" -> ledger;
            case "Timelock" -> ledger || m.equals("timelock") || m.startsWith("timelock.") || m.equals("gen");
            case "Lock" -> m.equals("asyncio.locks") || m.equals("asyncio");
            case "dtype", "ndarray" -> m.equals("numpy");
            case "_reconstruct" -> g.numpy("multiarray", "_reconstruct");
            case "_frombuffer" -> g.numpy("numeric", "_frombuffer");
            case "encode" -> m.equals("_codecs");
            case "bytes", "bytearray", "object" -> m.equals("builtins");
            case "_reconstructor" -> m.equals("copyreg");
            default -> false;
        };
    }

    /** Refuses every global that is not {@link #knownGlobal known}, wherever in the stream it appears. */
    @Override
    protected void admitGlobal(PyGlobal g) {
        if (!knownGlobal(g)) {
            throw err("refused global " + g + ": not one of the classes and functions a MANTIS DataLog pickle names"
                    + " (nothing in the pickle is executed; a pickle naming anything else is not imported)");
        }
    }

    @Override
    protected Object call(PyGlobal g, PyTuple t) {
        Object r = DatalogNumpy.call(this, g, t);
        if (r != null) {
            return r;
        }
        if (g.is("copyreg", "_reconstructor")) {
            if (t.items.length < 1 || !(t.items[0] instanceof PyGlobal cls)) {
                throw err("copyreg._reconstructor needs a class");
            }
            return newObject(cls, stackSize());
        }
        PyObject o = new PyObject(g);
        o.args = t;
        return o;
    }

    @Override
    protected PyObject newObject(PyGlobal cls, int at) {
        if (cls.name().equals("DataLog")) {
            return new RoleObject(cls, ObjRole.DATALOG, null);
        }
        if (cls.name().equals("ChallengeData")) {
            String t = tickerAt(at);
            if (t != null) {
                return new RoleObject(cls, ObjRole.CHALLENGE, t);
            }
        }
        return new PyObject(cls);
    }

    @Override
    protected void build(Object target, Object state) {
        if (DatalogNumpy.build(this, target, state)) {
            return;
        }
        if (!(target instanceof RoleObject p)) {
            super.build(target, state);
            return;
        }
        Object st = state;
        if (state instanceof PyTuple t && t.items.length == 2 && (t.items[0] == null || t.items[0] instanceof PyDict)) {
            st = t.items[0]; // (state dict, slots dict)
        }
        if (p.role == ObjRole.DATALOG) {
            if (!(st instanceof RoleDict d && d.role == Role.DL_STATE)) {
                throw err("DataLog state is a " + typeName(st) + ", not its attribute dict");
            }
            if (!d.sawBlocks) {
                throw err("DataLog has no blocks");
            }
            if (!d.sawChallenges) {
                throw err("DataLog has no challenges");
            }
            d.items.clear();
        } else {
            if (!(st instanceof RoleDict d && d.role == Role.CD_STATE)) {
                throw err("ChallengeData state is a " + typeName(st) + ", not its attribute dict");
            }
            d.items.clear();
        }
        p.built = true;
    }

    @Override
    protected void newDict() {
        int s = stackSize();
        if (s >= 1 && topMark() < s && stackAt(s - 1) instanceof RoleObject o && !o.built) {
            push(o.role == ObjRole.DATALOG ? new RoleDict(Role.DL_STATE, null, 0) : new RoleDict(Role.CD_STATE, o.ticker, 0));
            return;
        }
        Role r = roleAt(s);
        if (r == null) {
            super.newDict();
            return;
        }
        switch (r) {
            case CHALLENGES, RAW, DRAND -> push(new RoleDict(r, null, 0));
            case SIDX, EMB -> push(new RoleDict(r, parentAt(s, r).ticker, 0));
            case ROW, RAW_STEP -> push(new RoleDict(r, r == Role.ROW ? parentAt(s, r).ticker : null, (Long) stackAt(s - 1)));
            default -> super.newDict();
        }
    }

    @Override
    protected void newList() {
        if (roleAt(stackSize()) == Role.BLOCKS) {
            push(new BlocksList());
        } else {
            super.newList();
        }
    }

    @Override
    protected void append(Object target, Object v) {
        if (target instanceof BlocksList l) {
            if (!(v instanceof Long b)) {
                throw err("DataLog.blocks[" + l.count + "] is a " + typeName(v) + ", not a block number");
            }
            sink.block(l.count++, b);
        } else {
            super.append(target, v);
        }
    }

    @Override
    protected void setItem(Object target, Object k, Object v) {
        if (!(target instanceof RoleDict d)) {
            super.setItem(target, k, v);
            return;
        }
        switch (d.role) {
            case DL_STATE -> {
                if ("blocks".equals(k)) {
                    if (!(v instanceof BlocksList)) {
                        throw err("DataLog.blocks is a " + typeName(v) + ", not the list of block numbers");
                    }
                    d.sawBlocks = true;
                } else if ("challenges".equals(k)) {
                    if (roleOf(v) != Role.CHALLENGES) {
                        throw err("DataLog.challenges is a " + typeName(v) + ", not a dict of ChallengeData");
                    }
                    d.sawChallenges = true;
                } else if ("raw_payloads".equals(k)) {
                    if (roleOf(v) != Role.RAW && v != null) {
                        throw err("DataLog.raw_payloads is a " + typeName(v) + ", not a dict");
                    }
                } else if ("_drand_cache".equals(k)) {
                    if (roleOf(v) != Role.DRAND && v != null) {
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
                if (!(v instanceof RoleObject o && o.role == ObjRole.CHALLENGE && t.equals(o.ticker))) {
                    throw err("DataLog.challenges[" + t + "] is a " + typeName(v) + ", not a ChallengeData");
                }
                release(v, true);
            }
            case CD_STATE -> {
                if ("sidx".equals(k)) {
                    if (roleOf(v) != Role.SIDX && v != null) {
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
                if (!(v instanceof RoleDict r && r.role == Role.ROW && r.key == (Long) k)) {
                    throw err(d.ticker + " row " + k + " is a " + typeName(v) + ", not a dict");
                }
                emitRow(r);
                release(r, true);
            }
            case ROW -> setRowItem(d, k, v);
            case EMB -> {
                if (!(k instanceof String hk)) {
                    throw err(d.ticker + " embedding key is a " + typeName(k) + ", not a hotkey string");
                }
                short[] vec = DatalogNumpy.vector(this, v);
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
                if (roleOf(v) != Role.RAW_STEP) {
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

    private void setRowItem(RoleDict d, Object k, Object v) {
        if (d.emitted && ("price".equals(k) || "emb".equals(k))) {
            throw err(d.ticker + " row " + d.key + " changed after it was complete");
        }
        if ("price".equals(k)) {
            if (v != null && (!(v instanceof Number) || v instanceof Boolean)) {
                throw err(d.ticker + " row " + d.key + " price is a " + typeName(v) + ", not a number or None");
            }
            d.price = v == null ? null : ((Number) v).doubleValue();
            d.hasPrice = true;
        } else if ("emb".equals(k)) {
            if (v instanceof RoleDict e && e.role == Role.EMB) {
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

    private void emitRow(RoleDict r) {
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
}
