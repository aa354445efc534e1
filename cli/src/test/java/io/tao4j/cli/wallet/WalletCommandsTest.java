package io.tao4j.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Ss58;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `tao4j wallet …` run in-process against a temporary --wallet.path. */
class WalletCommandsTest {
    private static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    private static JsonNode vectors;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        vectors = new ObjectMapper().readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors",
                "bittensor_keyfiles.json").toFile());
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("wallet"));
        all.addAll(Arrays.asList(args));
        if (!args[0].equals("verify")) { // verify reads no wallet
            all.add("--wallet.path");
            all.add(tmp.resolve("wallets").toString());
        }
        return CliRun.run(all.toArray(String[]::new));
    }

    /** The coldkey file of wallet {@code name}, its directory created. */
    Path coldkeyFile(String name) throws java.io.IOException {
        Path cold = wallet(name).resolve("coldkey");
        Files.createDirectories(cold.getParent());
        return cold;
    }

    /** {@code sign --key coldkey} of wallet {@code name} over {@code messageHex}, with the password options given. */
    CliRun signWithColdkey(String name, String messageHex, String... passwordOptions) {
        List<String> a = new ArrayList<>(List.of("sign", "--wallet.name", name, "--key", "coldkey", "--message-hex", messageHex));
        a.addAll(List.of(passwordOptions));
        return run(a.toArray(String[]::new));
    }

    Path wallet(String name) {
        return tmp.resolve("wallets").resolve(name);
    }

    static void noStackTrace(CliRun r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void regenAliceThenShow() throws Exception {
        CliRun r = run("regen-coldkey", "--uri", "//Alice", "--no-password");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(ALICE).contains("not encrypted");
        CliRun show = run("show");
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("coldkey  " + ALICE);
        CliRun json = run("show", "--json");
        assertThat(json.out().strip()).isEqualTo("{\"name\":\"default\",\"coldkey_ss58\":\"" + ALICE + "\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wallet("default").resolve("coldkey"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wallet("default"))))
                .isEqualTo("rwx------");

        CliRun hot = run("regen-hotkey", "--uri", "//Alice//stash", "--no-password", "--wallet.hotkey", "miner");
        assertThat(hot.code()).as(hot.err()).isZero();
        String hotSs58 = Ss58.encode(io.tao4j.crypto.Sr25519KeyPair.fromUri("//Alice//stash").publicKey());
        assertThat(run("show", "--json", "--wallet.hotkey", "miner").out().strip()).isEqualTo(
                "{\"name\":\"default\",\"coldkey_ss58\":\"" + ALICE + "\",\"hotkey_ss58\":\"" + hotSs58 + "\"}");
        assertThat(Files.exists(wallet("default").resolve("hotkeys/minerpub.txt"))).isTrue();

        CliRun list = run("list");
        assertThat(list.out()).contains("default  coldkey " + ALICE).contains("hotkey miner  " + hotSs58);
        JsonNode lj = new ObjectMapper().readTree(run("list", "--json").out());
        assertThat(lj.get(0).get("hotkeys").get(0).get("ss58").asText()).isEqualTo(hotSs58);
    }

    /** One Argon2i derivation: writing an encrypted coldkey. */
    @Test
    void newColdkeyEncryptedShowsMnemonicOnce() throws Exception {
        Path pw = tmp.resolve("pw.txt");
        Files.writeString(pw, "a fine password\n");
        CliRun r = run("new-coldkey", "--n-words", "24", "--wallet.password-file", pw.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("^    ([a-z]+(?: [a-z]+){23})$", Pattern.MULTILINE).matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String mnemonic = m.group(1);
        assertThat(r.out()).contains("IMPORTANT").contains("encrypted, $NACL");
        // where the new key's password came from is said on stderr, the password never
        assertThat(r.err()).contains("with the password from password file " + pw).doesNotContain("a fine password");
        assertThat(r.out().split(Pattern.quote(mnemonic), -1)).hasSize(2); // shown exactly once
        byte[] file = Files.readAllBytes(wallet("default").resolve("coldkey"));
        assertThat(new String(file, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("$NACL");
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(mnemonic.split(" ")[0] + " ");

        // the address is readable without the password, and the printed mnemonic restores the same key
        String ss58 = new ObjectMapper().readTree(run("show", "--json").out()).get("coldkey_ss58").asText();
        CliRun regen = run("regen-coldkey", "--wallet.name", "copy", "--no-password", "--mnemonic", mnemonic);
        assertThat(regen.code()).as(regen.err()).isZero();
        assertThat(regen.out()).contains(ss58).doesNotContain(mnemonic);
        // separate words work too
        List<String> args = new ArrayList<>(List.of("regen-coldkey", "--wallet.name", "copy2", "--no-password", "--mnemonic"));
        args.addAll(List.of(mnemonic.split(" ")));
        assertThat(run(args.toArray(String[]::new)).out()).contains(ss58);
        // the secret never appears in the listing
        assertThat(run("list").out()).doesNotContain(mnemonic.split(" ")[0] + " " + mnemonic.split(" ")[1]);
    }

    @Test
    void refusesToOverwrite() throws Exception {
        assertThat(run("regen-coldkey", "--uri", "//Alice", "--no-password").code()).isZero();
        byte[] before = Files.readAllBytes(wallet("default").resolve("coldkey"));
        CliRun again = run("regen-coldkey", "--uri", "//Bob", "--no-password");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--overwrite");
        noStackTrace(again);
        assertThat(Files.readAllBytes(wallet("default").resolve("coldkey"))).isEqualTo(before);
        CliRun forced = run("regen-coldkey", "--uri", "//Bob", "--no-password", "--overwrite");
        assertThat(forced.code()).isZero();
        assertThat(run("show").out()).doesNotContain(ALICE);
    }

    @Test
    void noPasswordSourceAndNoTerminal() {
        CliRun r = run("regen-coldkey", "--uri", "//Alice");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no password for").contains("--wallet.password-env").contains("--env-file")
                .contains("--wallet.password-file");
        noStackTrace(r);
        assertThat(Files.exists(wallet("default").resolve("coldkey"))).isFalse();
    }

    @Test
    void signAndVerify() {
        assertThat(run("regen-hotkey", "--uri", "//Alice", "--no-password").code()).isZero();
        CliRun s = run("sign", "--key", "hotkey", "--message-hex", "0xdeadbeef");
        assertThat(s.code()).as(s.err()).isZero();
        String sig = s.out().strip();
        assertThat(sig).matches("0x[0-9a-f]{128}");
        assertThat(Sr25519.verify(Ss58.decode(ALICE), Hex.decode("deadbeef"), Hex.decode(sig))).isTrue();

        assertThat(run("verify", "--ss58", ALICE, "--message-hex", "deadbeef", "--signature-hex", sig).code()).isZero();
        CliRun bad = run("verify", "--ss58", ALICE, "--message-hex", "deadbeee", "--signature-hex", sig);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out().strip()).isEqualTo("invalid");
        String bob = Ss58.encode(io.tao4j.crypto.Sr25519KeyPair.fromUri("//Bob").publicKey());
        assertThat(run("verify", "--ss58", bob, "--message-hex", "deadbeef", "--signature-hex", sig).code()).isEqualTo(1);

        for (String[] args : new String[][]{
                {"verify", "--ss58", ALICE, "--message-hex", "xyz", "--signature-hex", sig},
                {"verify", "--ss58", "5Grwva", "--message-hex", "00", "--signature-hex", sig},
                {"verify", "--ss58", ALICE, "--message-hex", "00", "--signature-hex", "0x1234"},
                {"sign", "--key", "hotkey", "--message-hex", "0xzz"},
                {"new-coldkey", "--n-words", "13", "--no-password"},
                {"regen-coldkey", "--seed", "0x1234", "--no-password"},
                {"sign", "--key", "nokey", "--message-hex", "00"}}) {
            CliRun r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + " → " + r.err()).isEqualTo(2);
            assertThat(r.err()).doesNotContain("Unknown option");
            noStackTrace(r);
        }
        CliRun missing = run("sign", "--key", "coldkey", "--message-hex", "00");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("has no coldkey");
    }

    /** Fast encrypted path (Ansible Vault keyfile, 10k PBKDF2 rounds): .env key rule and wrong password. */
    @Test
    void encryptedColdkeyWithEnvFileAndWrongPassword() throws Exception {
        Path cold = coldkeyFile("old");
        Files.writeString(cold, vectors.at("/encrypted/ansible_vault/file_text_as_python_ansible_vault_Vault_encrypt_no_indent").asText());
        String ss58 = vectors.at("/keypair/ss58_42").asText();

        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "not it");
        CliRun r = signWithColdkey("old", "01", "--wallet.password-file", wrong.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("wrong password for keyfile " + cold).contains("Ansible Vault")
                .contains("password file " + wrong);
        noStackTrace(r);

        Path env = tmp.resolve("my.env");
        Files.writeString(env, "# wallet\nexport TEST_COLD_PW=\"thisisafakepassword\"\n");
        CliRun ok = signWithColdkey("old", "01", "--wallet.password-env", "TEST_COLD_PW", "--env-file", env.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Sr25519.verify(Ss58.decode(ss58), new byte[]{1}, Hex.decode(ok.out().strip()))).isTrue();
        // the .env key defaults to MINER_WALLET_PASSWORD (the LFC variable): TEST_COLD_PW alone is not read
        CliRun other = signWithColdkey("old", "01", "--env-file", env.toString());
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("no password for");
        // a named env file that does not exist is an error, not silently skipped
        CliRun gone = signWithColdkey("old", "01", "--env-file", tmp.resolve("nope.env").toString());
        assertThat(gone.err()).contains("env file").contains("does not exist");
        // show does not need the password (no coldkeypub.txt here, so it says why it cannot)
        CliRun show = run("show", "--wallet.name", "old");
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.err()).contains("is encrypted and coldkeypub.txt is missing");
    }

    /** One Argon2i derivation: a libsodium-made $NACL coldkey signs with MINER_WALLET_PASSWORD from a .env file. */
    @Test
    void libsodiumNaclColdkeySigns() throws Exception {
        Path cold = coldkeyFile("nacl");
        Files.write(cold, Hex.decode(vectors.at("/encrypted/nacl/file_bytes_hex").asText()));
        Path env = tmp.resolve(".env");
        Files.writeString(env, "MINER_WALLET_PASSWORD=thisisafakepassword\n");
        CliRun ok = signWithColdkey("nacl", "cafe", "--env-file", env.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Sr25519.verify(Ss58.decode(vectors.at("/keypair/ss58_42").asText()), Hex.decode("cafe"),
                Hex.decode(ok.out().strip()))).isTrue();
    }

    @Test
    void missingWalletIsExplained() {
        CliRun r = run("show", "--wallet.name", "ghost");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("wallet 'ghost' has no coldkey").contains("new-coldkey");
        noStackTrace(r);
        assertThat(run("list").out()).startsWith("No wallets in ");
    }
}
