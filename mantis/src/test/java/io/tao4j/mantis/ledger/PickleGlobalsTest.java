package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A DataLog pickle may name only the DataLog's own classes and the functions that rebuild its values. */
class PickleGlobalsTest {
    static final Path RES = LedgerArchiveTest.RES;

    /** {@code PROTO 5}, then {@code middle}, then the archive after its own PROTO opcode. */
    static byte[] spliced(byte[] archive, byte[] middle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(archive, 0, 2);
        out.writeBytes(middle);
        out.write(archive, 2, archive.length - 2);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aHostileGlobalBeforeARealDatalogIsRefusedWithItsOffset(@TempDir Path dir) throws Exception {
        byte[] ok = Files.readAllBytes(RES.resolve("mantis_datalog.pkl"));
        // posix.system("echo"), its result popped: Python's pickle.load would run it, then return the DataLog
        byte[] call = concat(ascii("cposix\nsystem\n"), new byte[]{(byte) 0x8c, 4}, ascii("echo"), new byte[]{(byte) 0x85, 'R', '0'});
        byte[] hostile = spliced(ok, call);
        assertThatThrownBy(() -> PickleDatalogReaderTest.parse(hostile, new PickleDatalogReaderTest.Nothing()))
                .isInstanceOf(PickleMachine.PickleFormatException.class)
                .hasMessageContaining("refused global posix.system")
                .hasMessageContaining("at pickle offset 2)");

        // through the import: a named error, nothing imported
        Path bad = dir.resolve("hostile.pkl");
        Files.write(bad, hostile);
        Path ledger = dir.resolve("ledger.db");
        assertThatThrownBy(() -> LedgerArchive.importArchive(bad, ledger, MantisConfig.CHALLENGES, LedgerArchive.Progress.NONE))
                .isInstanceOf(DatalogReader.LedgerException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("refused global posix.system")
                .hasMessageContaining("offset 2");
        assertThat(LedgerStats.of(ledger).blocks()).isZero();
    }

    @Test
    void stackGlobalAndInstAreCheckedToo() throws Exception {
        byte[] ok = Files.readAllBytes(RES.resolve("mantis_datalog.pkl"));
        // STACK_GLOBAL of "os" "system" at offset 2 + 4 + 8
        byte[] sg = concat(new byte[]{(byte) 0x8c, 2}, ascii("os"), new byte[]{(byte) 0x8c, 6}, ascii("system"),
                new byte[]{(byte) 0x93, '0'});
        assertThatThrownBy(() -> PickleDatalogReaderTest.parse(spliced(ok, sg), new PickleDatalogReaderTest.Nothing()))
                .hasMessageContaining("refused global os.system").hasMessageContaining("at pickle offset 14)");
        // INST (protocol 0/1) after a MARK at offset 2
        byte[] inst = concat(ascii("(isubprocess\nPopen\n"));
        assertThatThrownBy(() -> PickleDatalogReaderTest.parse(spliced(ok, inst), new PickleDatalogReaderTest.Nothing()))
                .hasMessageContaining("refused global subprocess.Popen").hasMessageContaining("at pickle offset 3)");
        // a class named like the DataLog's own, from another module
        byte[] fake = concat(ascii("cbuiltins\nDataLog\n0"));
        assertThatThrownBy(() -> PickleDatalogReaderTest.parse(spliced(ok, fake), new PickleDatalogReaderTest.Nothing()))
                .hasMessageContaining("refused global builtins.DataLog");
    }

    @Test
    void aHostileGlobalDeepInsideTheDatalogIsRefused() throws Exception {
        byte[] ok = Files.readAllBytes(RES.resolve("mantis_datalog.pkl"));
        // replace the module of the first numpy dtype global ("numpy" as SHORT_BINUNICODE) by "posix"
        byte[] needle = concat(new byte[]{(byte) 0x8c, 5}, ascii("numpy"));
        int at = indexOf(ok, needle);
        assertThat(at).isGreaterThan(2);
        byte[] b = ok.clone();
        System.arraycopy(ascii("posix"), 0, b, at + 2, 5);
        assertThatThrownBy(() -> PickleDatalogReaderTest.parse(b, new PickleDatalogReaderTest.Nothing()))
                .isInstanceOf(PickleMachine.PickleFormatException.class)
                .hasMessageContaining("refused global posix.");
    }

    @Test
    void theGlobalsOfEveryPythonWrittenArchiveAreKnown() {
        // as listed by a logging pickle.Unpickler.find_class over the committed archives (protocols 2-5)
        for (String g : new String[]{"__main__.Timelock", "gen.Timelock", "ledger.Timelock", "timelock.Timelock",
                "asyncio.locks.Lock", "ledger.ChallengeData", "ledger.DataLog", "numpy.dtype", "numpy.ndarray",
                "numpy._core.numeric._frombuffer", "numpy.core.numeric._frombuffer", "numpy._core.multiarray._reconstruct",
                "_codecs.encode"}) {
            int dot = g.lastIndexOf('.');
            assertThat(DatalogUnpickler.knownGlobal(new PickleValues.PyGlobal(g.substring(0, dot), g.substring(dot + 1))))
                    .as(g).isTrue();
        }
        for (String g : new String[]{"posix.system", "os.system", "builtins.eval", "builtins.getattr", "numpy.load",
                "numpy.core.multiarray.scalar", "ledger.eval", "timelock.tld", "subprocess.Popen"}) {
            int dot = g.lastIndexOf('.');
            assertThat(DatalogUnpickler.knownGlobal(new PickleValues.PyGlobal(g.substring(0, dot), g.substring(dot + 1))))
                    .as(g).isFalse();
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
