package io.tao4j.cli.wallet;

import io.tao4j.cli.Tao4j;
import io.tao4j.crypto.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18 (12): an {@link Error} — above all an {@link OutOfMemoryError} from Argon2i with a small heap — is a
 * one-line message naming the fix and a non-zero exit, not a stack trace.
 */
class WalletFatalErrorTest {
    @TempDir
    Path tmp;

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Error error;

        Boom(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }

    private static String[] runBoom(Error error) {
        CommandLine cl = Tao4j.commandLine();
        cl.addSubcommand("boom", new Boom(error));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("boom");
        return new String[]{Integer.toString(rc), err.toString()};
    }

    @Test
    void errorsBecomeOneLine() {
        String[] oom = runBoom(new OutOfMemoryError("Java heap space"));
        assertThat(oom[0]).isEqualTo("1");
        assertThat(oom[1].strip().lines().count()).isEqualTo(1);
        assertThat(oom[1]).startsWith("tao4j: out of memory (Java heap space)").contains("TAO4J_JAVA_OPTS=-Xmx")
                .doesNotContain("\tat ");
        String[] other = runBoom(new StackOverflowError());
        assertThat(other[0]).isEqualTo("1");
        assertThat(other[1].strip().lines().count()).isEqualTo(1);
        assertThat(other[1]).contains("fatal error: java.lang.StackOverflowError");
    }

    /**
     * A real small heap: the CLI in a child JVM with -Xmx64m and the pure-Java Argon2i (the libsodium one needs no
     * heap) unlocking a libsodium-made $NACL coldkey. Fails fast: the heap runs out at the start of the derivation.
     */
    @Test
    void smallHeapUnlockIsExplained() throws Exception {
        Path cold = tmp.resolve("wallets/nacl/coldkey");
        Files.createDirectories(cold.getParent());
        Files.write(cold, Hex.decode(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors", "bittensor_keyfiles.json").toFile())
                .at("/encrypted/nacl/file_bytes_hex").asText()));
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "thisisafakepassword");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-Dtao4j.wallet.argon2=java",
                "-cp", System.getProperty("java.class.path"), Tao4j.class.getName(),
                "wallet", "sign", "--key", "coldkey", "--message-hex", "00", "--wallet.name", "nacl",
                "--wallet.path", tmp.resolve("wallets").toString(), "--wallet.password-file", pw.toString()))
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception in thread");
        String last = err.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("tao4j: ").contains("heap").contains("-Xmx");
    }
}
