package io.tao4j.cli.stake;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Sr25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tao4j.cli.stake.OperatorNet.TAO;
import static io.tao4j.cli.stake.OperatorNet.ss58;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tao4j stake …} and {@code tao4j wallet transfer} against the local network; every result is read back
 * through raw storage decoded in the test ({@link OperatorNet}), not through the commands' own reads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StakeCommandsTest extends OperatorNetTest {
    static final int NETUID = 35;
    static final String BOB = ss58("//Bob"), VALIDATOR = ss58("//Bob//validator"), AGGREGATOR = ss58("//Charlie//aggregator"),
            DAVE = ss58("//Dave"), EVE = ss58("//Eve");

    /**
     * Stake is a share of a pool whose price moved with earlier emission: shares are issued and values truncated, so
     * the chain (real or local) may come out a rao or two below the exact sum.
     */
    static void near(long actual, long expected) {
        assertThat(actual).isBetween(expected - 2, expected);
    }

    static long rao(JsonNode n) {
        return n.decimalValue().movePointRight(9).longValueExact();
    }

    @Test
    void addThenRemoveStakeIsReadBackFromStorage() throws Exception {
        n.afterEpoch(NETUID);
        long stake0 = n.stake(BOB, VALIDATOR, NETUID);
        long free0 = n.free(BOB);
        CliRun r = n.run(n.args("bob", "validator", "stake", "add", "--netuid", "35", "--amount", "10.5", "-y", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = OperatorNet.json(r);
        assertThat(j.get("success").asBoolean()).isTrue();
        assertThat(j.get("safe_staking").asBoolean()).isTrue(); // add_stake_limit on this runtime
        assertThat(j.get("extrinsic_identifier").asText()).matches("\\d+-\\d+");
        long fee = rao(j.get("fee"));
        assertThat(fee).isPositive();
        near(n.stake(BOB, VALIDATOR, NETUID), stake0 + 10_500_000_000L);
        assertThat(rao(j.get("stake_after"))).isEqualTo(n.stake(BOB, VALIDATOR, NETUID));
        assertThat(n.free(BOB)).isEqualTo(free0 - 10_500_000_000L - fee); // the estimate is what was charged
        assertThat(r.err()).contains("estimated fee: τ");

        n.afterEpoch(NETUID);
        long stake1 = n.stake(BOB, VALIDATOR, NETUID);
        CliRun rm = n.run(n.args("bob", "validator", "stake", "remove", "--netuid", "35", "--amount", "4", "--unsafe", "-y", "--json"));
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(OperatorNet.json(rm).get("safe_staking").asBoolean()).isFalse();
        near(n.stake(BOB, VALIDATOR, NETUID), stake1 - 4 * TAO);
    }

    @Test
    void moveAndTransferStake() throws Exception {
        n.afterEpoch(NETUID);
        long bobOnAgg = n.stake(BOB, AGGREGATOR, NETUID);
        long bobOnVal = n.stake(BOB, VALIDATOR, NETUID);
        CliRun mv = n.run(n.args("bob", "validator", "stake", "move", "--origin-netuid", "35", "--dest-netuid", "35",
                "--dest", AGGREGATOR, "--amount", "2", "--no-prompt", "--json-output"));
        assertThat(mv.code()).as(mv.err()).isZero();
        near(n.stake(BOB, AGGREGATOR, NETUID), bobOnAgg + 2 * TAO);
        near(n.stake(BOB, VALIDATOR, NETUID), bobOnVal - 2 * TAO);

        n.afterEpoch(NETUID);
        long moving = n.stake(BOB, AGGREGATOR, NETUID);
        long daveOnAgg = n.stake(DAVE, AGGREGATOR, NETUID);
        CliRun tr = n.run(n.args("bob", "validator", "stake", "transfer", "--dest-ss58", DAVE, "--origin-netuid", "35",
                "--dest-netuid", "35", "--hotkey-ss58", AGGREGATOR, "--all", "-y", "--json"));
        assertThat(tr.code()).as(tr.err()).isZero();
        assertThat(n.stake(BOB, AGGREGATOR, NETUID)).isZero();
        near(n.stake(DAVE, AGGREGATOR, NETUID), daveOnAgg + moving);
        assertThat(rao(OperatorNet.json(tr).get("destination_stake_after"))).isEqualTo(n.stake(DAVE, AGGREGATOR, NETUID));
    }

    @Test
    void stakeListMatchesStorage() throws Exception {
        n.afterEpoch(NETUID);
        CliRun r = n.run(n.args("bob", "validator", "stake", "list", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = OperatorNet.json(r);
        assertThat(j.get("coldkey_address").asText()).isEqualTo(BOB);
        JsonNode row = j.at("/stake_info/" + VALIDATOR + "/0");
        assertThat(row.get("netuid").asInt()).isEqualTo(NETUID);
        assertThat(rao(row.get("stake_value"))).isEqualTo(n.stake(BOB, VALIDATOR, NETUID));
        assertThat(row.get("registered").asBoolean()).isTrue();
        assertThat(rao(j.get("free_balance"))).isEqualTo(n.free(BOB));
        // the treasury check of an operator: another coldkey by --ss58, text output
        CliRun dave = n.run(n.args("bob", "validator", "stake", "list", "--ss58", DAVE));
        assertThat(dave.code()).as(dave.err()).isZero();
        assertThat(dave.out()).contains("coldkey " + DAVE);
    }

    @Test
    void walletTransferKeepAliveAllowDeathAndAll() throws Exception {
        String temp = ss58("//OperatorTemp");
        long eve0 = n.free(EVE);
        CliRun r = n.run(n.args("bob", "validator", "wallet", "transfer", "--dest", EVE, "--amount", "1.5", "-y", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(n.free(EVE)).isEqualTo(eve0 + 1_500_000_000L);
        assertThat(rao(OperatorNet.json(r).get("destination_balance_after"))).isEqualTo(n.free(EVE));

        assertThat(n.run(n.args("bob", "validator", "wallet", "transfer", "--dest", temp, "--amount", "3", "-y")).code()).isZero();
        assertThat(n.free(temp)).isEqualTo(3 * TAO);
        CliRun all = n.run(n.args("temp", "default", "wallet", "transfer", "--dest", BOB, "--all", "--allow-death", "-y", "--json"));
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(n.free(temp)).isZero(); // reaped: transfer_all without keep-alive
    }

    @Test
    void chainErrorsAreNamed() throws Exception {
        CliRun poor = n.run(n.args("bob", "validator", "stake", "add", "--netuid", "35", "--amount", "5000000", "-y"));
        assertThat(poor.code()).isEqualTo(1);
        assertThat(poor.err()).contains("SubtensorModule.NotEnoughBalanceToStake");

        String nobody = Sr25519KeyPair.fromUri("//NobodyHotkey").ss58();
        CliRun unknown = n.run(n.args("bob", "validator", "stake", "add", "--netuid", "35", "--amount", "1", "--include-hotkeys", nobody,
                "-y", "--json"));
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("SubtensorModule.HotKeyAccountNotExists");
        assertThat(OperatorNet.json(unknown).get("error").asText()).isEqualTo("SubtensorModule.HotKeyAccountNotExists");

        CliRun tooMuch = n.run(n.args("bob", "validator", "stake", "move", "--origin-netuid", "35", "--dest-netuid", "35",
                "--dest", AGGREGATOR, "--amount", "99999999", "-y"));
        assertThat(tooMuch.code()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("not enough stake");
    }

    @Test
    void writesNeedConfirmationAndTheRightPassword() throws Exception {
        n.afterEpoch(NETUID);
        long stake0 = n.stake(BOB, VALIDATOR, NETUID);
        CliRun r = n.run(n.args("bob", "validator", "stake", "add", "--netuid", "35", "--amount", "1"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("refusing to submit without confirmation").contains("--no-prompt (-y)");
        assertThat(n.stake(BOB, VALIDATOR, NETUID)).isEqualTo(stake0);

        Path cold = n.wallets.resolve("locked").resolve("coldkey");
        Files.createDirectories(cold.getParent());
        JsonNode vectors = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(System.getProperty("tao4j.shared"),
                "fixtures", "vectors", "bittensor_keyfiles.json").toFile());
        Files.writeString(cold, vectors.at("/encrypted/ansible_vault/file_text_as_python_ansible_vault_Vault_encrypt_no_indent").asText());
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "not it");
        List<String> a = n.args("locked", "default", "wallet", "transfer", "--dest", BOB, "--amount", "1", "-y",
                "--wallet.password-file", wrong.toString());
        CliRun pw = n.run(a);
        assertThat(pw.code()).isEqualTo(1);
        assertThat(pw.err()).contains("cannot unlock the coldkey of wallet 'locked'").contains("wrong password");

        CliRun bad = n.run(n.args("bob", "validator", "stake", "add", "--netuid", "35", "--amount", "0.0000000001", "-y"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--amount");
    }
}
