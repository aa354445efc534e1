package io.tao4j.cli.wallet;

import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.Ss58;
import io.tao4j.wallet.KeyfileData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the secrets of the key-writing commands come from (issue #18): mnemonics and seeds from stdin, a file
 * or a variable rather than argv (argv still works, with a warning), and the new-key password's origin said on
 * stderr without the password.
 */
class WalletSecretsTest {
    /** The BIP39 test mnemonic ("abandon … about"), a fixed key. */
    private static final String MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon"
            + " abandon abandon about";
    private static final String SS58 = KeyfileData.fromMnemonic(MNEMONIC).ss58Address();

    @TempDir
    Path tmp;

    CliRun run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("wallet"));
        all.addAll(Arrays.asList(args));
        all.add("--wallet.path");
        all.add(tmp.resolve("wallets").toString());
        return CliRun.withStdin(stdin, all.toArray(String[]::new));
    }

    @Test
    void mnemonicFromFileOrStdinWithoutWarning() throws Exception {
        Path file = tmp.resolve("words.txt");
        Files.writeString(file, "  " + MNEMONIC.replace(" about", "\nabout") + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CliRun r = run(null, "regen-coldkey", "--no-password", "--mnemonic-file", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(SS58).doesNotContain("abandon");
        assertThat(r.err()).isEmpty();

        CliRun in = run(MNEMONIC + "\n", "regen-coldkey", "--wallet.name", "b", "--no-password", "--mnemonic", "-");
        assertThat(in.code()).as(in.err()).isZero();
        assertThat(in.out()).contains(SS58);
        assertThat(in.err()).isEmpty();

        CliRun in2 = run(MNEMONIC, "regen-hotkey", "--wallet.name", "b", "--no-password", "--mnemonic-file", "-");
        assertThat(in2.code()).as(in2.err()).isZero();
        assertThat(in2.out()).contains(SS58);
    }

    @Test
    void mnemonicOnTheCommandLineStillWorksButWarns() {
        CliRun r = run(null, "regen-coldkey", "--no-password", "--mnemonic", MNEMONIC);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(SS58);
        assertThat(r.err()).contains("warning: a mnemonic on the command line is visible")
                .contains("--mnemonic-file").doesNotContain("abandon");
    }

    @Test
    void seedFromFileOrStdinAndArgvWarns() throws Exception {
        String hex = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"; // a 32-byte mini secret
        String alice = Ss58.encode(Sr25519KeyPair.fromMiniSecret(io.tao4j.crypto.Hex.decode(hex)).publicKey());
        Path file = tmp.resolve("seed.hex");
        Files.writeString(file, hex + "\n");
        CliRun f = run(null, "regen-coldkey", "--no-password", "--seed-file", file.toString());
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.out()).contains(alice);
        assertThat(f.err()).isEmpty();
        CliRun s = run(hex, "regen-hotkey", "--no-password", "--seed", "-");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains(alice);
        CliRun argv = run(null, "regen-coldkey", "--wallet.name", "c", "--no-password", "--seed", hex);
        assertThat(argv.code()).isZero();
        assertThat(argv.err()).contains("warning: a seed on the command line").doesNotContain(hex.substring(2, 12));
    }

    @Test
    void missingOrEmptySecretSourcesAreNamedErrors() throws Exception {
        // no source and no terminal: say how to give one (exit 2), nothing written
        CliRun none = run(null, "regen-coldkey", "--no-password");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no key given and no terminal to ask on").contains("--mnemonic-file");
        assertThat(none.err().strip().lines().count()).isEqualTo(1);
        assertThat(Files.exists(tmp.resolve("wallets/default/coldkey"))).isFalse();

        CliRun unset = run(null, "regen-coldkey", "--no-password", "--mnemonic-env", "TAO4J_TEST_SURELY_UNSET_VAR");
        assertThat(unset.code()).isEqualTo(2);
        assertThat(unset.err()).contains("environment variable TAO4J_TEST_SURELY_UNSET_VAR is not set");

        CliRun gone = run(null, "regen-coldkey", "--no-password", "--mnemonic-file", tmp.resolve("nope").toString());
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("does not exist");

        CliRun empty = run("  \n", "regen-coldkey", "--no-password", "--mnemonic", "-");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("standard input").contains("is empty");

        CliRun huge = run("abandon ".repeat(1000), "regen-coldkey", "--no-password", "--mnemonic", "-");
        assertThat(huge.code()).isEqualTo(2);
        assertThat(huge.err()).contains("more than 4096 bytes").doesNotContain("abandon");

        CliRun bad = run("not a mnemonic at all", "regen-coldkey", "--no-password", "--mnemonic-file", "-");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).doesNotContain("not a mnemonic at all").doesNotContain("\tat ");
    }

    /** One Argon2i derivation: the origin of a new key's password is said on stderr, the password never. */
    @Test
    void newKeySaysWhereItsPasswordCameFrom() throws Exception {
        Path pw = tmp.resolve("pw.txt");
        Files.writeString(pw, "s3cret-pw-xyz\n");
        CliRun r = run(null, "regen-coldkey", "--mnemonic-file", "-", "--wallet.password-file", pw.toString());
        // stdin is empty here, so regen fails before any password is read; use a file for the mnemonic instead
        assertThat(r.code()).isEqualTo(2);
        Path words = tmp.resolve("words");
        Files.writeString(words, MNEMONIC);
        CliRun ok = run(null, "regen-coldkey", "--mnemonic-file", words.toString(), "--wallet.password-file", pw.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("encrypting " + tmp.resolve("wallets/default/coldkey"))
                .contains("password from password file " + pw).doesNotContain("s3cret");
        assertThat(ok.out()).contains("encrypted, $NACL").doesNotContain("s3cret");
    }
}
