package io.tao4j.mantis.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a MANTIS 2e9bc5b {@code DataLog} as a protocol 5 pickle, streaming, opcode for opcode as CPython's
 * pickler writes that object graph (see the disassembly of src/test/resources/ledger/mantis_datalog.pkl):
 * memoized strings referenced again with BINGET, {@code EMPTY_DICT} + batched SETITEMS / APPENDS of at
 * most 1000 items ({@code SETITEM} / {@code APPEND} for a single one), the dataclass objects as
 * {@code STACK_GLOBAL, EMPTY_TUPLE, NEWOBJ, state dict, BUILD}, numpy float16 vectors as protocol 5
 * {@code numpy._core.numeric._frombuffer(bytearray, dtype('f2'), (n,), 'C')}, 64 KiB frames.
 * {@code PickleDatalogReaderTest} checks that it reproduces the committed archive byte for byte, which is
 * what lets tests and the benchmark use it for archives too large to make with Python.
 *
 * <p>Memo identity follows the reference data: equal strings are one object (MANTIS's hotkeys are),
 * byte arrays are shared only when the content hands out the same array instance.
 */
final class DatalogPickleWriter {
    /** The DataLog's content, produced on demand so that huge archives need no memory. */
    interface Content {
        int blockCount();

        long block(int i);

        List<String> tickers();

        int dim(String ticker);

        int blocksAhead(String ticker);

        int rowCount(String ticker);

        long sidx(String ticker, int row);

        /** null pickles as None. */
        Double price(String ticker, int row);

        List<String> hotkeys(String ticker, int row);

        short[] vector(String ticker, int row, String hotkey);

        List<Long> rawSteps();

        Map<String, byte[]> raw(long step);

        Map<Long, byte[]> drand();

        String timelockModule();

        String timelockPk();
    }

    private static final int FRAME_TARGET = 64 * 1024;
    private static final int BATCH = 1000;

    private final OutputStream out;
    private byte[] frame = new byte[FRAME_TARGET * 2];
    private int flen;
    private long memo;
    private final HashMap<String, Long> strMemo = new HashMap<>();
    private final IdentityHashMap<Object, Long> objMemo = new IdentityHashMap<>();
    private final HashMap<String, Long> globals = new HashMap<>();
    private long dtypeMemo = -1;

    private DatalogPickleWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code c} to {@code out} (not closed). */
    static void write(Content c, OutputStream out) throws IOException {
        new DatalogPickleWriter(out).datalog(c);
    }

    // ------------------------------------------------------------------------------------------ low level

    private void op(int b) {
        if (flen == frame.length) {
            frame = java.util.Arrays.copyOf(frame, frame.length * 2);
        }
        frame[flen++] = (byte) b;
    }

    private void raw(byte[] b) {
        for (byte x : b) {
            op(x);
        }
    }

    private void le(long v, int n) {
        for (int i = 0; i < n; i++) {
            op((int) (v >>> (8 * i)));
        }
    }

    /** Called where CPython's save() starts an object: a full frame is written out. */
    private void boundary() throws IOException {
        if (flen >= FRAME_TARGET) {
            commit();
        }
    }

    private void commit() throws IOException {
        if (flen == 0) {
            return;
        }
        byte[] head = new byte[9];
        head[0] = (byte) 0x95;
        for (int i = 0; i < 8; i++) {
            head[1 + i] = (byte) ((long) flen >>> (8 * i));
        }
        out.write(head);
        out.write(frame, 0, flen);
        flen = 0;
    }

    private long memoize() {
        op(0x94);
        return memo++;
    }

    private void get(long idx) {
        if (idx < 256) {
            op('h');
            op((int) idx);
        } else {
            op('j');
            le(idx, 4);
        }
    }

    private void str(String s) throws IOException {
        boundary();
        Long m = strMemo.get(s);
        if (m != null) {
            get(m);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 256) {
            op(0x8c);
            op(b.length);
        } else {
            op('X');
            le(b.length, 4);
        }
        raw(b);
        strMemo.put(s, memoize());
    }

    private void integer(long x) throws IOException {
        boundary();
        if (x >= 0 && x <= 0xff) {
            op('K');
            op((int) x);
        } else if (x >= 0 && x <= 0xffff) {
            op('M');
            le(x, 2);
        } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
            op('J');
            le(x, 4);
        } else {
            byte[] be = java.math.BigInteger.valueOf(x).toByteArray();
            op(0x8a);
            op(be.length);
            for (int i = be.length - 1; i >= 0; i--) {
                op(be[i]);
            }
        }
    }

    private void binfloat(double d) throws IOException {
        boundary();
        long bits = Double.doubleToLongBits(d);
        op('G');
        for (int i = 7; i >= 0; i--) {
            op((int) (bits >>> (8 * i)));
        }
    }

    private void bytes(byte[] b) throws IOException {
        boundary();
        Long m = objMemo.get(b);
        if (m != null) {
            get(m);
            return;
        }
        if (b.length < 256) {
            op('C');
            op(b.length);
        } else {
            op('B');
            le(b.length, 4);
        }
        raw(b);
        objMemo.put(b, memoize());
    }

    private void global(String module, String name) throws IOException {
        boundary();
        Long m = globals.get(module + "\n" + name);
        if (m != null) {
            get(m);
            return;
        }
        str(module);
        str(name);
        op(0x93);
        globals.put(module + "\n" + name, memoize());
    }

    private void emptyDict() throws IOException {
        boundary();
        op('}');
        memoize();
    }

    private void emptyList() throws IOException {
        boundary();
        op(']');
        memoize();
    }

    @FunctionalInterface
    private interface Item {
        void write(int i) throws IOException;
    }

    /** pickle's _batch_setitems / _batch_appends. */
    private void batch(int n, Item item, boolean dict) throws IOException {
        for (int start = 0; start < n; start += BATCH) {
            int k = Math.min(BATCH, n - start);
            if (k > 1) {
                op('(');
                for (int i = start; i < start + k; i++) {
                    item.write(i);
                }
                op(dict ? 'u' : 'e');
            } else {
                item.write(start);
                op(dict ? 's' : 'a');
            }
        }
    }

    // ------------------------------------------------------------------------------------------ DataLog

    private void datalog(Content c) throws IOException {
        out.write(new byte[]{(byte) 0x80, 5});
        global("ledger", "DataLog");
        op(')');
        op(0x81);
        memoize();
        emptyDict();
        op('(');
        str("blocks");
        emptyList();
        batch(c.blockCount(), i -> integer(c.block(i)), false);
        str("challenges");
        emptyDict();
        List<String> tickers = c.tickers();
        batch(tickers.size(), i -> challenge(c, tickers.get(i)), true);
        str("raw_payloads");
        emptyDict();
        List<Long> steps = c.rawSteps();
        batch(steps.size(), i -> {
            long ts = steps.get(i);
            integer(ts);
            emptyDict();
            Map<String, byte[]> by = c.raw(ts);
            List<Map.Entry<String, byte[]>> es = List.copyOf(by.entrySet());
            batch(es.size(), j -> {
                str(es.get(j).getKey());
                bytes(es.get(j).getValue());
            }, true);
        }, true);
        str("tlock");
        global(c.timelockModule(), "Timelock");
        op(')');
        op(0x81);
        memoize();
        emptyDict();
        str("pk");
        str(c.timelockPk());
        op('s');
        op('b');
        str("_lock");
        global("asyncio.locks", "Lock");
        op(')');
        op(0x81);
        memoize();
        emptyDict();
        op('(');
        str("_waiters");
        op('N');
        str("_locked");
        op(0x89);
        op('u');
        op('b');
        str("_drand_cache");
        emptyDict();
        List<Map.Entry<Long, byte[]>> dr = List.copyOf(c.drand().entrySet());
        batch(dr.size(), i -> {
            integer(dr.get(i).getKey());
            bytes(dr.get(i).getValue());
        }, true);
        op('u');
        op('b');
        op('.');
        commit();
        out.flush();
    }

    private void challenge(Content c, String t) throws IOException {
        str(t);
        global("ledger", "ChallengeData");
        op(')');
        op(0x81);
        memoize();
        emptyDict();
        op('(');
        str("dim");
        integer(c.dim(t));
        str("blocks_ahead");
        integer(c.blocksAhead(t));
        str("sidx");
        emptyDict();
        batch(c.rowCount(t), r -> {
            integer(c.sidx(t, r));
            row(c, t, r);
        }, true);
        op('u');
        op('b');
    }

    private void row(Content c, String t, int r) throws IOException {
        emptyDict();
        op('(');
        str("hotkeys");
        emptyList();
        List<String> hks = c.hotkeys(t, r);
        batch(hks.size(), i -> str(hks.get(i)), false);
        str("price");
        Double p = c.price(t, r);
        if (p == null) {
            boundary();
            op('N');
        } else {
            binfloat(p);
        }
        str("emb");
        emptyDict();
        batch(hks.size(), i -> {
            str(hks.get(i));
            array(c.vector(t, r, hks.get(i)));
        }, true);
        op('u');
    }

    private void array(short[] v) throws IOException {
        boundary();
        global("numpy._core.numeric", "_frombuffer");
        op('(');
        op(0x96);
        le(2L * v.length, 8);
        for (short s : v) {
            op(s);
            op(s >> 8);
        }
        memoize();
        if (dtypeMemo < 0) {
            global("numpy", "dtype");
            str("f2");
            op(0x89);
            op(0x88);
            op(0x87);
            memoize();
            op('R');
            dtypeMemo = memoize();
            op('(');
            integer(3);
            str("<");
            op('N');
            op('N');
            op('N');
            integer(-1);
            integer(-1);
            integer(0);
            op('t');
            memoize();
            op('b');
        } else {
            get(dtypeMemo);
        }
        integer(v.length);
        op(0x85);
        memoize();
        str("C");
        op('t');
        memoize();
        op('R');
        memoize();
    }
}
