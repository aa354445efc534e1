package io.tao4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Layout, file modes, overwrite protection and listing, with unencrypted keys (fast). */
class WalletFilesTest {
    private static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void layoutAndModes(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("wallets");
        Wallet w = new Wallet(root, "alice", "hot1");
        w.setColdkey(KeyfileData.fromUri("//Alice"), null, false);
        w.setHotkey(KeyfileData.fromUri("//Alice//hot"), null, false);

        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(root.resolve("alice"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("alice/hotkeys"))).isEqualTo("rwx------");
        for (String f : new String[]{"coldkey", "coldkeypub.txt", "hotkeys/hot1", "hotkeys/hot1pub.txt"}) {
            assertThat(mode(root.resolve("alice").resolve(f))).as(f).isEqualTo("rw-------");
        }
        try (var s = Files.list(root.resolve("alice"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("coldkey", "coldkeypub.txt", "hotkeys");
        }
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(ALICE);
        assertThat(w.coldkeyPub().hasSecret()).isFalse();
        String pub = Files.readString(w.coldkeypubFile().path());
        assertThat(pub).doesNotContain("privateKey").contains(ALICE);
        assertThat(w.unlockColdkey(PasswordResolver.fixed("unused")).keyPair().ss58()).isEqualTo(ALICE);
        assertThat(w.hotkeyPub().ss58Address()).isEqualTo(KeyfileData.fromUri("//Alice//hot").ss58Address());
    }

    /** Watch-only: only the pub file is written, in btwallet's JSON, and it refuses to replace one. */
    @Test
    void pubOnlyFilesForWatchOnlyMachines(@TempDir Path tmp) throws Exception {
        Wallet w = new Wallet(tmp, "watch", "h");
        w.setColdkeypub(KeyfileData.publicOnly(io.tao4j.crypto.Ss58.decode(ALICE)), false);
        w.setHotkeypub(KeyfileData.fromUri("//Alice//hot"), false); // a full key: only its public part is kept
        assertThat(w.coldkeyFile().exists()).isFalse();
        assertThat(w.hotkeyFile().exists()).isFalse();
        JsonNode cold = new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.coldkeypubFile().path().toFile());
        assertThat(cold.get("ss58Address").asText()).isEqualTo(ALICE);
        assertThat(cold.get("publicKey").asText()).isEqualTo(cold.get("accountId").asText()).startsWith("0xd43593c7");
        assertThat(cold.has("privateKey")).isFalse();
        String hot = Files.readString(w.hotkeypubFile().path());
        assertThat(hot).doesNotContain("privateKey").doesNotContain("secret");
        assertThat(mode(w.coldkeypubFile().path())).isEqualTo("rw-------");
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(ALICE);
        assertThatThrownBy(() -> w.setColdkeypub(KeyfileData.fromUri("//Bob").publicPart(), false))
                .isInstanceOf(KeyfileExistsException.class).hasMessageContaining("--overwrite");
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(ALICE);
        w.setColdkeypub(KeyfileData.fromUri("//Bob").publicPart(), true);
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(KeyfileData.fromUri("//Bob").ss58Address());
    }

    @Test
    void neverOverwritesWithoutBeingAsked(@TempDir Path tmp) throws Exception {
        Wallet w = new Wallet(tmp, "w", "h");
        w.setColdkey(KeyfileData.fromUri("//Alice"), null, false);
        byte[] before = Files.readAllBytes(w.coldkeyFile().path());
        assertThatThrownBy(() -> w.setColdkey(KeyfileData.fromUri("//Bob"), null, false))
                .isInstanceOf(KeyfileExistsException.class).hasMessageContaining("--overwrite");
        assertThat(Files.readAllBytes(w.coldkeyFile().path())).isEqualTo(before);
        // coldkeypub.txt alone also blocks (no half-written pair)
        Wallet w2 = new Wallet(tmp, "w2", "h");
        w2.coldkeypubFile().save(KeyfileData.fromUri("//Bob").publicPart(), null, false);
        assertThatThrownBy(() -> w2.setColdkey(KeyfileData.fromUri("//Alice"), null, false))
                .isInstanceOf(KeyfileExistsException.class);
        assertThat(w2.coldkeyFile().exists()).isFalse();

        w.setColdkey(KeyfileData.fromUri("//Bob"), null, true);
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(KeyfileData.fromUri("//Bob").ss58Address());
        assertThat(mode(w.coldkeyFile().path())).isEqualTo("rw-------");
        try (var s = Files.list(w.dir())) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty(); // no temp files left
        }
    }

    @Test
    void replacingKeepsModeEvenIfTheOldFileWasWide(@TempDir Path tmp) throws Exception {
        Keyfile f = new Keyfile(tmp.resolve("k"));
        Files.writeString(f.path(), "old");
        Files.setPosixFilePermissions(f.path(), PosixFilePermissions.fromString("rw-r--r--"));
        f.save(KeyfileData.fromUri("//Alice"), null, true);
        assertThat(mode(f.path())).isEqualTo("rw-------");
        assertThat(f.readPlain().ss58Address()).isEqualTo(ALICE);
    }

    @Test
    void listing(@TempDir Path tmp) throws Exception {
        new Wallet(tmp, "a", "h1").setColdkey(KeyfileData.fromUri("//Alice"), null, false);
        new Wallet(tmp, "a", "h1").setHotkey(KeyfileData.fromUri("//Bob"), null, false);
        new Wallet(tmp, "a", "h2").hotkeyFile().save(KeyfileData.fromUri("//Charlie"), null, false);
        // an encrypted-looking hotkey without pub file: listed without an address
        new Wallet(tmp, "a", "h3").hotkeyFile().writeBytes("$NACL0123456789012345678901234567890123456789".getBytes(), false);
        Files.createDirectories(tmp.resolve("empty"));
        var list = Wallet.list(tmp);
        assertThat(list).extracting(Wallet.Summary::name).containsExactly("a", "empty");
        assertThat(list.get(0).coldkeySs58()).contains(ALICE);
        assertThat(list.get(0).hotkeys()).containsExactly(
                new Wallet.HotkeySummary("h1", Optional.of(KeyfileData.fromUri("//Bob").ss58Address()), false),
                new Wallet.HotkeySummary("h2", Optional.of(KeyfileData.fromUri("//Charlie").ss58Address()), false),
                new Wallet.HotkeySummary("h3", Optional.empty(), true));
        assertThat(list.get(1).coldkeySs58()).isEmpty();
        assertThat(Wallet.list(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void clearErrors(@TempDir Path tmp) {
        Wallet w = new Wallet(tmp, "nobody", "default");
        assertThatThrownBy(w::coldkeyPub).isInstanceOf(WalletException.class)
                .hasMessageContaining("wallet 'nobody' has no coldkey").hasMessageContaining("new-coldkey");
        assertThatThrownBy(() -> w.unlockHotkey(PasswordResolver.fixed("x")))
                .hasMessageContaining("has no hotkey 'default'");
        assertThatThrownBy(() -> new Wallet(tmp, "../etc", "h")).hasMessageContaining("not a plain file name");
        assertThat(Wallet.expandPath("~/x")).isEqualTo(Path.of(System.getProperty("user.home"), "x"));
    }

    @Test
    void legacyHexColdkeypub(@TempDir Path tmp) throws Exception {
        JsonNode legacy = Vectors.keyfiles().at("/keyfile_plaintexts/legacy_coldkeypub_txt_real");
        Wallet w = new Wallet(tmp, "old", "default");
        w.coldkeypubFile().writeBytes(legacy.get("content").asText().getBytes(), false);
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(legacy.get("ss58_42").asText());
        assertThat(Hex.encode0x(w.coldkeyPub().publicKey())).isEqualTo(legacy.get("content").asText());
    }

    @Test
    void passwordNotNeededForPlainKeys(@TempDir Path tmp) {
        Wallet w = new Wallet(tmp, "w", "h");
        w.setHotkey(KeyfileData.fromUri("//Alice"), null, false);
        // a resolver that would fail proves no password was asked for
        var failing = new PasswordResolver(java.util.List.of(), "should not be asked");
        assertThat(w.unlockHotkey(failing).keyPair().ss58()).isEqualTo(ALICE);
        assertThat(Password.of("x", "y").interactive()).isFalse();
    }
}
