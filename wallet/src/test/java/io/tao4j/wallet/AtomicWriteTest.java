package io.tao4j.wallet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 while a key is being rewritten in a loop never leaves a half-written keyfile: the file on
 * disk is always one complete key (writes go to a temporary file that is renamed into place).
 */
class AtomicWriteTest {

    /** Child process: rewrites the keyfile alternately with two keys (padded large) until killed. */
    public static void main(String[] args) {
        Keyfile f = new Keyfile(Path.of(args[0]));
        KeyfileData[] keys = {KeyfileData.fromUri("//Alice"), KeyfileData.fromUri("//Bob")};
        for (int i = 0; ; i++) {
            f.save(keys[i % 2], null, true);
        }
    }

    @Test
    void killDashNineLeavesACompleteKey(@TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("w/hotkeys/h");
        Set<String> valid = Set.of(KeyfileData.fromUri("//Alice").ss58Address(), KeyfileData.fromUri("//Bob").ss58Address());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    AtomicWriteTest.class.getName(), key.toString())).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(key) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(200 + 150L * round);
            assertThat(p.isAlive()).as(Files.readString(tmp.resolve("child.log"))).isTrue();
            p.destroyForcibly(); // SIGKILL
            p.waitFor(30, TimeUnit.SECONDS);
            KeyfileData d = new Keyfile(key).readPlain();
            assertThat(valid).contains(d.ss58Address());
            assertThat(d.hasSecret()).isTrue();
            assertThat(WalletFilesTest.mode(key)).isEqualTo("rw-------");
        }
    }
}
