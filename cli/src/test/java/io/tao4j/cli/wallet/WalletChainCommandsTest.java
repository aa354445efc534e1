package io.tao4j.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.Ss58;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wallet create|new-coldkey --uri|regen-*pub|balance|overview} against a local network started in-process
 * (blocks only on demand, so every read sees the same state), each result read back a second way: the keyfile on
 * disk, or raw storage through its own {@link OnlineClient}.
 */
class WalletChainCommandsTest {
    static Localnet net;
    static WsRpcClient ws;
    static OnlineClient raw;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        ws = WsRpcClient.connect(net.rpcUrl());
        raw = OnlineClient.connect(ws);
    }

    @AfterAll
    static void stop() {
        ws.close();
        net.close();
    }

    CliRun wallet(String... args) {
        List<String> all = new ArrayList<>(List.of("wallet"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--wallet-path", tmp.resolve("wallets").toString()));
        return CliRun.run(all.toArray(String[]::new));
    }

    CliRun chain(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--chain", net.rpcUrl()));
        return wallet(all.toArray(String[]::new));
    }

    static String ss58(String uri) {
        return Ss58.encode(Sr25519KeyPair.fromUri(uri).publicKey());
    }

    static BigInteger free(String ss58) {
        return Values.bigInt(raw.query("System", "Account", List.of(ss58), null).path("data").path("free"));
    }

    static BigInteger totalHotkeyAlpha(String hot, int netuid) {
        return Values.bigInt(raw.query("SubtensorModule", "TotalHotkeyAlpha", List.of(hot, netuid), null));
    }

    static BigDecimal tao(BigInteger rao) {
        return new BigDecimal(rao).movePointLeft(9);
    }

    static void oneLineError(CliRun r, int code, String... contains) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).contains(contains).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void createWithUriWritesBothKeysInBtcliJson() throws Exception {
        CliRun r = wallet("create", "--uri", "Alice", "--wallet-name", "dev", "--hotkey", "h1", "--json-output");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("success").asBoolean()).isTrue();
        assertThat(j.get("error").asText()).isEmpty();
        assertThat(j.get("data").get("name").asText()).isEqualTo("dev");
        assertThat(j.get("data").get("hotkey").asText()).isEqualTo("h1");
        assertThat(j.get("data").get("coldkey_ss58").asText()).isEqualTo(ss58("//Alice"));
        assertThat(j.get("data").get("hotkey_ss58").asText()).isEqualTo(ss58("//Alice"));
        // on disk: unencrypted btwallet JSON holding //Alice's secret
        Path dir = tmp.resolve("wallets/dev");
        JsonNode cold = JSON.readTree(Files.readAllBytes(dir.resolve("coldkey")));
        assertThat(cold.get("ss58Address").asText()).isEqualTo(ss58("//Alice"));
        assertThat(cold.get("privateKey").asText()).isEqualTo(Hex.encode0x(Sr25519KeyPair.fromUri("//Alice").canonicalSecret()));
        assertThat(JSON.readTree(Files.readAllBytes(dir.resolve("hotkeys/h1pub.txt"))).get("ss58Address").asText())
                .isEqualTo(ss58("//Alice"));
        // a second create refuses and changes nothing
        byte[] before = Files.readAllBytes(dir.resolve("coldkey"));
        oneLineError(wallet("create", "--uri", "Bob", "--wallet-name", "dev", "--hotkey", "h1"), 1, "already exists", "--overwrite");
        assertThat(Files.readAllBytes(dir.resolve("coldkey"))).isEqualTo(before);
    }

    @Test
    void createWithMnemonicsEncryptsOnlyTheColdkey() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "correct horse\n");
        CliRun r = wallet("create", "--wallet-name", "fresh", "--wallet.password-file", pw.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out()); // stdout is only the JSON; the two mnemonics went to stderr
        assertThat(r.err()).contains("The mnemonic to the new coldkey is:").contains("The mnemonic to the new hotkey is:");
        Path dir = tmp.resolve("wallets/fresh");
        assertThat(new String(Files.readAllBytes(dir.resolve("coldkey")), 0, 5)).isEqualTo("$NACL");
        JsonNode hot = JSON.readTree(Files.readAllBytes(dir.resolve("hotkeys/default")));
        assertThat(hot.get("ss58Address").asText()).isEqualTo(j.get("data").get("hotkey_ss58").asText());
        assertThat(JSON.readTree(Files.readAllBytes(dir.resolve("coldkeypub.txt"))).get("ss58Address").asText())
                .isEqualTo(j.get("data").get("coldkey_ss58").asText());
        // the printed hotkey mnemonic restores the hotkey written
        String words = r.err().split("The mnemonic to the new hotkey is:")[1].strip().lines().findFirst().orElseThrow().strip();
        assertThat(io.tao4j.wallet.KeyfileData.fromMnemonic(words).ss58Address()).isEqualTo(hot.get("ss58Address").asText());
    }

    @Test
    void newColdkeyAndHotkeyFromBtcliUri() throws Exception {
        CliRun c = wallet("new-coldkey", "--uri", "bob", "--wallet-name", "b", "--json");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(JSON.readTree(c.out()).get("data").get("coldkey_ss58").asText()).isEqualTo(ss58("//Bob"));
        assertThat(JSON.readTree(c.out()).get("data").has("hotkey")).isFalse(); // btcli's new-coldkey shape
        CliRun h = wallet("new-hotkey", "--uri", "//Charlie", "--wallet-name", "b", "-H", "c");
        assertThat(h.code()).as(h.err()).isZero();
        assertThat(h.out()).contains("//Charlie").contains(ss58("//Charlie")).contains("not encrypted");
        assertThat(JSON.readTree(Files.readAllBytes(tmp.resolve("wallets/b/hotkeys/c"))).get("ss58Address").asText())
                .isEqualTo(ss58("//Charlie"));
        oneLineError(wallet("new-coldkey", "--uri", "Alice//stash", "--wallet-name", "x"), 2, "--uri", "Alice");
        assertThat(Files.exists(tmp.resolve("wallets/x/coldkey"))).isFalse();
    }

    @Test
    void regenPubFilesForAWatchOnlyMachine() throws Exception {
        String bob = ss58("//Bob");
        CliRun r = wallet("regen-coldkeypub", "--ss58", bob, "--wallet-name", "watch", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("data").get("coldkey_ss58").asText()).isEqualTo(bob);
        Path dir = tmp.resolve("wallets/watch");
        JsonNode pub = JSON.readTree(Files.readAllBytes(dir.resolve("coldkeypub.txt")));
        assertThat(pub.get("ss58Address").asText()).isEqualTo(bob);
        assertThat(pub.get("publicKey").asText()).isEqualTo(Hex.encode0x(Ss58.decode(bob)));
        assertThat(pub.has("privateKey")).isFalse();
        assertThat(Files.exists(dir.resolve("coldkey"))).isFalse();

        String hotHex = Hex.encode0x(Sr25519KeyPair.fromUri("//Bob//validator").publicKey());
        CliRun h = wallet("regen-hotkeypub", "--public-key", hotHex, "--wallet-name", "watch", "--wallet-hotkey", "validator");
        assertThat(h.code()).as(h.err()).isZero();
        assertThat(JSON.readTree(Files.readAllBytes(dir.resolve("hotkeys/validatorpub.txt"))).get("ss58Address").asText())
                .isEqualTo(ss58("//Bob//validator"));

        oneLineError(wallet("regen-coldkeypub", "--ss58", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ",
                "--wallet-name", "bad"), 2, "not a valid SS58 address");
        oneLineError(wallet("regen-coldkeypub", "--public-key", "0x1234", "--wallet-name", "bad"), 2, "32 bytes");
        oneLineError(wallet("regen-coldkeypub", "--public-key", "zz", "--wallet-name", "bad"), 2, "not hex");
        assertThat(Files.exists(tmp.resolve("wallets/bad"))).isFalse();
        oneLineError(wallet("regen-coldkeypub", "--ss58", ss58("//Alice"), "--wallet-name", "watch"), 1, "already exists");
        assertThat(JSON.readTree(Files.readAllBytes(dir.resolve("coldkeypub.txt"))).get("ss58Address").asText()).isEqualTo(bob);

        // the watch-only wallet is enough for balance and overview
        CliRun b = chain("balance", "--wallet-name", "watch", "--json");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(new BigDecimal(JSON.readTree(b.out()).get("balances").get("watch").get("free").asText()))
                .isEqualByComparingTo(tao(free(bob)));
    }

    @Test
    void balanceMatchesRawStorage() throws Exception {
        assertThat(wallet("regen-coldkey", "--uri", "//Bob", "--no-password", "--wallet-name", "bob").code()).isZero();
        assertThat(wallet("regen-coldkey", "--uri", "//Dave", "--no-password", "--wallet-name", "dave").code()).isZero();
        String bob = ss58("//Bob");
        CliRun r = chain("balance", "--wallet-name", "bob", "--json-output");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        JsonNode row = j.get("balances").get("bob");
        assertThat(row.get("coldkey").asText()).isEqualTo(bob);
        // Bob is the only staker of his two genesis hotkeys: their pools are his stake (alpha 1:1 on this chain)
        BigInteger staked = totalHotkeyAlpha(ss58("//Bob//validator"), 35).add(totalHotkeyAlpha(ss58("//Bob//mantis"), 123));
        assertThat(staked).isPositive();
        assertThat(row.get("free").decimalValue()).isEqualByComparingTo(tao(free(bob)));
        assertThat(row.get("staked").decimalValue()).isEqualByComparingTo(tao(staked));
        assertThat(row.get("total").decimalValue()).isEqualByComparingTo(tao(free(bob).add(staked)));
        assertThat(j.get("totals").get("total").decimalValue()).isEqualByComparingTo(tao(free(bob).add(staked)));

        CliRun all = chain("balance", "--all", "--json");
        assertThat(all.code()).as(all.err()).isZero();
        JsonNode a = JSON.readTree(all.out());
        assertThat(a.get("balances").get("dave").get("staked").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(a.get("totals").get("free").decimalValue())
                .isEqualByComparingTo(tao(free(bob).add(free(ss58("//Dave")))));

        CliRun text = chain("balance", "--wallet-name", "bob");
        assertThat(text.out()).contains("bob").contains(bob).contains("Total Balance");

        CliRun byAddress = chain("balance", "--ss58", ss58("//Eve"), "--json");
        assertThat(JSON.readTree(byAddress.out()).get("balances").get("Provided Address 1").get("free").decimalValue())
                .isEqualByComparingTo(tao(free(ss58("//Eve"))));
    }

    @Test
    void overviewMatchesRawStorage() throws Exception {
        assertThat(wallet("regen-coldkey", "--uri", "//Bob", "--no-password", "--wallet-name", "bob").code()).isZero();
        assertThat(wallet("regen-hotkey", "--uri", "//Bob//validator", "--no-password", "--wallet-name", "bob",
                "--wallet-hotkey", "validator").code()).isZero();
        String hot = ss58("//Bob//validator");
        CliRun r = chain("overview", "--wallet-name", "bob", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("wallet").asText()).isEqualTo("bob|" + ss58("//Bob"));
        assertThat(j.get("subnets")).hasSize(1); // //Bob//validator is registered on subnet 35 only
        JsonNode sn = j.get("subnets").get(0);
        assertThat(sn.get("netuid").asInt()).isEqualTo(35);
        assertThat(sn.get("tempo").asInt()).isEqualTo(raw.query("SubtensorModule", "Tempo", List.of(35), null).asInt());
        JsonNode n = sn.get("neurons").get(0);
        int uid = raw.query("SubtensorModule", "Uids", List.of(35, hot), null).asInt();
        assertThat(n.get("uid").asInt()).isEqualTo(uid);
        assertThat(n.get("coldkey").asText()).isEqualTo("bob");
        assertThat(n.get("hotkey").asText()).isEqualTo("validator");
        assertThat(n.get("hotkey_ss58").asText()).isEqualTo(hot);
        assertThat(BigDecimal.valueOf(n.get("stake").asDouble())).isEqualByComparingTo(tao(totalHotkeyAlpha(hot, 35)));
        assertThat(n.get("validator_permit").asBoolean())
                .isEqualTo(raw.query("SubtensorModule", "ValidatorPermit", List.of(35), null).get(uid).asBoolean());
        assertThat(n.get("incentive").asDouble())
                .isEqualTo(raw.query("SubtensorModule", "Incentive", List.of(35), null).get(uid).asInt() / 65535.0);
        assertThat(j.get("total_balance").decimalValue()).isEqualByComparingTo(tao(free(ss58("//Bob"))));

        CliRun text = chain("overview", "--wallet-name", "bob");
        assertThat(text.out()).contains("Subnet: 35").contains("validator").contains(hot).contains("UID");
        CliRun filtered = chain("overview", "--wallet-name", "bob", "--netuids", "123", "--json");
        assertThat(JSON.readTree(filtered.out()).get("subnets")).isEmpty();

        // a local hotkey that the chain registers under another coldkey is shown by address, as btcli does
        assertThat(wallet("regen-coldkeypub", "--ss58", ss58("//Dave"), "--wallet-name", "mix").code()).isZero();
        assertThat(wallet("regen-hotkeypub", "--ss58", hot, "--wallet-name", "mix", "-H", "v").code()).isZero();
        JsonNode mix = JSON.readTree(chain("overview", "--wallet-name", "mix", "--json").out());
        JsonNode m = mix.get("subnets").get(0).get("neurons").get(0);
        assertThat(m.get("coldkey").asText()).isEqualTo(ss58("//Bob").substring(0, 7));
        assertThat(m.get("hotkey").asText()).isEqualTo(hot.substring(0, 7));
    }

    @Test
    void errorsSayWhatToDo() {
        oneLineError(chain("balance", "--wallet-name", "nobody"), 1, "nobody", "tao4j wallet");
        oneLineError(chain("overview", "--wallet-name", "nobody"), 1, "nobody");
        oneLineError(wallet("balance", "--network", "mainnet"), 2, "unknown network 'mainnet'", "latent-lite");
        oneLineError(chain("balance", "--ss58", "not-an-address"), 2, "not a valid SS58 address");
        oneLineError(wallet("balance", "--all", "--chain", net.rpcUrl()), 1, "no wallet", "tao4j wallet create");
    }
}
