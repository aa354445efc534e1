package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The streaming pickle reader against archives written by MANTIS's own classes with CPython's pickle (protocols
 * 2–5, see src/test/resources/ledger/README.md), a large archive from {@link DatalogPickleWriter}, and malformed
 * input.
 */
class PickleDatalogReaderTest {
    static final Path RES = LedgerArchiveTest.RES;
    static final Path CONTENTS = RES.resolve("pickle_contents.json");

    /** Collects what the reader streams out. */
    static final class Collect implements DatalogUnpickler.Sink {
        final List<Long> blocks = new ArrayList<>();
        final Map<String, Map<Long, Object[]>> rows = new HashMap<>();
        final Map<Long, Map<String, byte[]>> raw = new HashMap<>();
        final Map<Long, byte[]> drand = new HashMap<>();

        @Override
        public void block(long idx, long block) {
            assertThat(idx).isEqualTo(blocks.size());
            blocks.add(block);
        }

        @Override
        public void row(String ticker, long sidx, Double price, TreeMap<String, short[]> vectors) {
            Object prev = rows.computeIfAbsent(ticker, t -> new HashMap<>()).put(sidx, new Object[]{price, new TreeMap<>(vectors)});
            assertThat(prev).as("row emitted twice").isNull();
        }

        @Override
        public void rawPayload(long ts, String hotkey, byte[] payload) {
            raw.computeIfAbsent(ts, t -> new HashMap<>()).put(hotkey, payload);
        }

        @Override
        public void drand(long round, byte[] signature) {
            drand.put(round, signature);
        }
    }

    static final class Nothing implements DatalogUnpickler.Sink {
        long vectors;

        @Override
        public void block(long idx, long block) {
        }

        @Override
        public void row(String ticker, long sidx, Double price, TreeMap<String, short[]> v) {
            vectors += v.size();
        }

        @Override
        public void rawPayload(long ts, String hotkey, byte[] payload) {
        }

        @Override
        public void drand(long round, byte[] signature) {
        }
    }

    static DatalogUnpickler.Stats parse(byte[] pickle, DatalogUnpickler.Sink sink) throws IOException {
        DatalogUnpickler u = new DatalogUnpickler(new ByteArrayInputStream(pickle), sink);
        u.checkRoot(u.run());
        return u.stats();
    }

    /** Everything the sink received equals the content (rows, prices, vectors bit for bit, payloads). */
    static void assertSame(Collect got, DatalogPickleWriter.Content c) {
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < c.blockCount(); i++) {
            blocks.add(c.block(i));
        }
        assertThat(got.blocks).isEqualTo(blocks);
        assertThat(got.rows.keySet()).containsExactlyInAnyOrderElementsOf(c.tickers());
        for (String t : c.tickers()) {
            Map<Long, Object[]> rows = got.rows.get(t);
            assertThat(rows).hasSize(c.rowCount(t));
            for (int r = 0; r < c.rowCount(t); r++) {
                Object[] row = rows.get(c.sidx(t, r));
                assertThat(row).as(t + " row " + r).isNotNull();
                assertThat(row[0]).as(t + " price " + r).isEqualTo(c.price(t, r));
                @SuppressWarnings("unchecked")
                TreeMap<String, short[]> v = (TreeMap<String, short[]>) row[1];
                assertThat(v.keySet()).containsExactlyInAnyOrderElementsOf(c.hotkeys(t, r));
                for (String hk : c.hotkeys(t, r)) {
                    assertThat(v.get(hk)).as(t + " " + r + " " + hk).isEqualTo(c.vector(t, r, hk));
                }
            }
        }
        int raws = 0;
        for (long ts : c.rawSteps()) {
            for (Map.Entry<String, byte[]> e : c.raw(ts).entrySet()) {
                assertThat(got.raw.get(ts).get(e.getKey())).isEqualTo(e.getValue());
                raws++;
            }
        }
        assertThat(got.raw.values().stream().mapToInt(Map::size).sum()).isEqualTo(raws);
        assertThat(got.drand.keySet()).isEqualTo(c.drand().keySet());
        c.drand().forEach((r, s) -> assertThat(got.drand.get(r)).isEqualTo(s));
    }

    @Test
    void writerReproducesTheReferenceArchiveByteForByte() throws IOException {
        // the committed archive was written by gen_ledger_archives.py running as __main__ (its Timelock stub)
        PickleContents.Datalog c = PickleContents.fromJson(CONTENTS, "mantis_datalog.pkl", "__main__");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatalogPickleWriter.write(c, out);
        byte[] want = Files.readAllBytes(RES.resolve("mantis_datalog.pkl"));
        byte[] got = out.toByteArray();
        int diff = Arrays.mismatch(got, want);
        assertThat(diff).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void everyPythonWrittenArchiveStreamsExactlyWhatPythonLoads() throws IOException {
        for (String name : List.of("mantis_datalog.pkl", "mantis_datalog.pkl.gz", "mantis_datalog_p2.pkl",
                "mantis_datalog_p3.pkl.gz", "mantis_datalog_p4.pkl")) {
            String key = name.equals("mantis_datalog.pkl.gz") ? "mantis_datalog.pkl" : name;
            PickleContents.Datalog c = PickleContents.fromJson(CONTENTS, key, "__main__");
            Collect got = new Collect();
            DatalogUnpickler.Stats st = PickleDatalogReader.read(RES.resolve(name), name.endsWith(".gz"), got,
                    LedgerArchive.Progress.NONE);
            assertSame(got, c);
            assertThat(st.rowsEmitted()).isEqualTo(c.challenges().stream().mapToLong(x -> x.rows().size()).sum());
        }
    }

    @Test
    void everyPythonWrittenArchiveImportsIntoIdenticalLedgerRows(@TempDir Path dir) throws Exception {
        for (String name : List.of("mantis_datalog.pkl", "mantis_datalog.pkl.gz", "mantis_datalog_p2.pkl",
                "mantis_datalog_p3.pkl.gz", "mantis_datalog_p4.pkl")) {
            String key = name.equals("mantis_datalog.pkl.gz") ? "mantis_datalog.pkl" : name;
            PickleContents.Datalog c = PickleContents.fromJson(CONTENTS, key, "__main__");
            Path ledger = dir.resolve(name + ".db");
            LedgerArchive.ImportResult r = LedgerArchive.importArchive(RES.resolve(name), ledger, MantisConfig.CHALLENGES,
                    LedgerArchive.Progress.NONE);
            assertThat(r.droppedMalformedEmbeddings()).isZero();
            Collect fromDb = new Collect();
            try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + ledger.toAbsolutePath());
                 Statement s = conn.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT idx, block FROM blocks ORDER BY idx")) {
                    while (rs.next()) {
                        fromDb.block(rs.getLong(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT ticker, sidx, price, embeddings FROM challenge_data")) {
                    while (rs.next()) {
                        String t = rs.getString(1);
                        double p = rs.getDouble(3);
                        Double price = rs.wasNull() ? null : p;
                        fromDb.row(t, rs.getLong(2), price, EmbeddingBlobs.unpack(rs.getBytes(4), c.dim(t)));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT ts, hotkey, payload FROM raw_payloads")) {
                    while (rs.next()) {
                        fromDb.rawPayload(rs.getLong(1), rs.getString(2), rs.getBytes(3));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT round, signature FROM drand_cache")) {
                    while (rs.next()) {
                        fromDb.drand(rs.getLong(1), rs.getBytes(2));
                    }
                }
            }
            assertSame(fromDb, c);
        }
    }

    @Test
    void largeArchiveIsImportedWithSmallRetainedState(@TempDir Path dir) throws Exception {
        // 220 steps x 8 challenges x 32 hotkeys: 52 352 vectors, ~230 000 memo entries written
        PickleContents.Generated c = new PickleContents.Generated(220, 32);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DatalogPickleWriter.write(c, bytes);
        byte[] pickle = bytes.toByteArray();
        assertThat(c.vectors()).isGreaterThan(50_000);

        Collect got = new Collect();
        DatalogUnpickler.Stats st = parse(pickle, got);
        assertSame(got, c);
        assertThat(st.vectorsEmitted()).isEqualTo(c.vectors());
        assertThat(st.memoHighWater()).isGreaterThan(4 * c.vectors()); // what a full unpickler keeps referenceable
        // what this one kept: the 32 hotkeys, ~30 attribute names and module strings, globals, the dtype, b"{}",
        // plus one SETITEMS batch (Python's is at most 1000) of the raw_payloads step dicts, emptied shells
        assertThat(st.peakRetainedMemo()).isLessThan(120 + 220);
        assertThat(st.peakLiveVectors()).isLessThanOrEqualTo(32); // one row at a time
        assertThat(st.peakGenericElements()).isLessThan(200);
        assertThat(st.peakStack()).isLessThan(2 * 220 + 200); // one batch of keys + emptied row / step dicts, one row

        // and through the ledger writer, gzipped, with progress
        Path gz = dir.resolve("big.pkl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(pickle);
        }
        List<long[]> reports = new ArrayList<>();
        LedgerArchive.ImportResult r = LedgerArchive.importArchive(gz, dir.resolve("big.db"), MantisConfig.CHALLENGES,
                (phase, done, total) -> {
                    if (phase.equals("pickle")) {
                        reports.add(new long[]{done, total});
                    }
                });
        assertThat(r.format()).isEqualTo(LedgerArchive.Format.PICKLE_GZIP);
        assertThat(r.challengeRows()).isEqualTo(8 * 220);
        assertThat(r.embeddingVectors()).isEqualTo(c.vectors());
        assertThat(r.rawPayloads()).isEqualTo(64);
        assertThat(r.drandRounds()).isEqualTo(3);
        assertThat(r.firstSeenHotkeys()).isEqualTo(32);
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1)).containsExactly(Files.size(gz), Files.size(gz));
    }

    @Test
    void singleItemContainersArePickledWithSetitemAndAppend() throws IOException {
        // CPython writes one-item dicts and lists as "k v SETITEM" / "x APPEND" without a MARK: one block,
        // one challenge with one row of one hotkey, one raw payload step with one payload, one drand round
        short[] v = {0x3c00, (short) 0xbc00};
        PickleContents.Datalog one = new PickleContents.Datalog(List.of(7_000_000L),
                List.of(new PickleContents.Challenge("ETH", 2, 300, List.of(
                        new PickleContents.Row(1_400_000, 1.5, List.of("5One"), Map.of("5One", v))))),
                new java.util.LinkedHashMap<>(Map.of(0L, Map.of("5One", new byte[80]))),
                Map.of(9L, new byte[48]), "ledger", "pk");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatalogPickleWriter.write(one, out);
        byte[] pickle = out.toByteArray();
        Collect got = new Collect();
        parse(pickle, got);
        assertSame(got, one);

        PickleContents.Generated g = new PickleContents.Generated(1, 1); // 8 challenges, one row each
        out.reset();
        DatalogPickleWriter.write(g, out);
        Collect got2 = new Collect();
        parse(out.toByteArray(), got2);
        assertSame(got2, g);
    }

    @Test
    void progressCountsArchiveBytes(@TempDir Path dir) throws Exception {
        for (String name : List.of("mantis_datalog.pkl", "mantis_datalog.pkl.gz")) {
            List<String> phases = new ArrayList<>();
            LedgerArchive.importArchive(RES.resolve(name), dir.resolve(name + ".db"), MantisConfig.CHALLENGES,
                    (phase, done, total) -> phases.add(phase + " " + done + "/" + total));
            long size = Files.size(RES.resolve(name));
            assertThat(phases).contains("pickle " + size + "/" + size);
            assertThat(phases.get(phases.size() - 1)).startsWith("done ");
        }
    }

    @Test
    void truncationAtAnyOffsetIsANamedErrorWithTheOffset() throws IOException {
        for (String name : List.of("mantis_datalog.pkl", "mantis_datalog_p2.pkl")) {
            byte[] all = Files.readAllBytes(RES.resolve(name));
            for (int n = 0; n < all.length; n += n < 1500 ? 1 : 7) { // every offset through the first rows, then a sample
                byte[] part = Arrays.copyOf(all, n);
                try {
                    parse(part, new Nothing());
                    fail(name + " cut at " + n + " parsed");
                } catch (DatalogUnpickler.PickleFormatException e) {
                    assertThat(e.getMessage()).contains("truncated pickle").contains("offset");
                    assertThat(e.offset).isLessThanOrEqualTo(n);
                }
            }
        }
    }

    @Test
    void corruptedBytesNeverCrash() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        int failures = 0;
        for (String name : List.of("mantis_datalog.pkl", "mantis_datalog_p2.pkl", "mantis_datalog_p4.pkl")) {
            byte[] all = Files.readAllBytes(RES.resolve(name));
            for (int i = 0; i < 800; i++) {
                byte[] b = all.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int k = 0; k < flips; k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                try {
                    parse(b, new Nothing());
                } catch (DatalogUnpickler.PickleFormatException | DatalogUnpickler.NotADatalogException e) {
                    failures++;
                } catch (RuntimeException e) {
                    throw new AssertionError(name + " mutation " + i + " crashed the reader", e);
                }
            }
        }
        assertThat(failures).isGreaterThan(300); // most corruptions are detected
    }

    @Test
    void namedErrors(@TempDir Path dir) throws Exception {
        byte[] ok = Files.readAllBytes(RES.resolve("mantis_datalog.pkl"));
        // offset 445 is "BINGET 21" (a hotkey) in the third ETH row; 40 is the first row's numpy array
        assertThat(ok[445]).isEqualTo((byte) 'h');
        assertThat(ok[446]).isEqualTo((byte) 21);
        byte[] b = ok.clone();
        b[446] = 40;
        assertThatThrownBy(() -> parse(b, new Nothing())).isInstanceOf(DatalogUnpickler.PickleFormatException.class)
                .hasMessageContaining("memo entry 40 refers to an object that was already streamed")
                .hasMessageContaining("offset 445");
        b[446] = (byte) 250;
        assertThatThrownBy(() -> parse(b, new Nothing())).hasMessageContaining("memo entry 250 was never stored");

        // a BYTEARRAY8 claiming 2^40 bytes: refused before allocating
        byte[] huge = {(byte) 0x80, 5, (byte) 0x96, 0, 0, 0, 0, 0, 1, 0, 0};
        assertThatThrownBy(() -> parse(huge, new Nothing())).hasMessageContaining("exceeds the 16777216-byte limit")
                .hasMessageContaining("offset 2");
        byte[] buffer = {(byte) 0x80, 5, (byte) 0x97, '.'};
        assertThatThrownBy(() -> parse(buffer, new Nothing())).hasMessageContaining("out-of-band buffer");
        byte[] unknown = {(byte) 0x80, 5, (byte) 0xff};
        assertThatThrownBy(() -> parse(unknown, new Nothing())).hasMessageContaining("unsupported pickle opcode 0xff");
        byte[] proto9 = {(byte) 0x80, 9};
        assertThatThrownBy(() -> parse(proto9, new Nothing())).hasMessageContaining("unsupported pickle protocol 9");
        byte[] underflow = {(byte) 0x80, 5, 's'};
        assertThatThrownBy(() -> parse(underflow, new Nothing())).hasMessageContaining("stack underflow");

        // the same errors through the import name the archive and leave nothing behind
        Path bad = dir.resolve("bad.pkl");
        Files.write(bad, b);
        assertThatThrownBy(() -> LedgerArchive.importArchive(bad, dir.resolve("bad.db"), MantisConfig.CHALLENGES,
                LedgerArchive.Progress.NONE)).isInstanceOf(DatalogReader.LedgerException.class)
                .hasMessageContaining("malformed pickled DataLog " + bad).hasMessageContaining("offset 445");
        assertThat(LedgerStats.of(dir.resolve("bad.db")).blocks()).isZero();
    }
}
