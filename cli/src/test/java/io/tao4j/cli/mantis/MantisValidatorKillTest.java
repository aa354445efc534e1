package io.tao4j.cli.mantis;

import io.tao4j.cli.CliRun;
import io.tao4j.localnet.Localnet;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `tao4j mantis validator` as a separate process killed with SIGKILL mid-run, then restarted on the same ledger. */
class MantisValidatorKillTest {

    @Test
    void killDashNineThenRestartResumesWithoutLosingCommittedSteps(@TempDir Path dir) throws Exception {
        Path wallets = dir.resolve("wallets");
        new Wallet(wallets, "bob", "mantis").setHotkey(KeyfileData.fromUri("//Bob//mantis"), null, true);
        Path db = dir.resolve("datalog.db");
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().onFreePorts())) {
            List<String> args = List.of("mantis", "validator", "--wallet.path", wallets.toString(), "--wallet.name", "bob",
                    "--wallet.hotkey", "mantis", "--subtensor.network", "local", "--subtensor.chain_endpoint", net.rpcUrl(),
                    "--poll-ms", "50", "--dry-run", "--ledger", db.toString());
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.tao4j.cli.Tao4j"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            List<Long> before;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                before = List.of();
                while (System.nanoTime() < deadline && before.size() < 4) {
                    Thread.sleep(200);
                    before = Files.exists(db) ? blocks(db) : List.of();
                }
                assertThat(before).as(Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "")
                        .hasSizeGreaterThanOrEqualTo(4);
            } finally {
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(p.exitValue()).isNotZero();
            List<Long> afterKill = blocks(db);
            // every step committed before the kill is there; at most the one being written is missing
            assertThat(afterKill).startsWith(before.toArray(Long[]::new));
            long lastBeforeRestart = afterKill.get(afterKill.size() - 1);

            CliRun again = CliRun.run(new ArrayList<>(args) {{
                add("--steps");
                add("2");
            }}.toArray(String[]::new));
            assertThat(again.code()).as(again.err()).isZero();
            List<Long> after = blocks(db);
            assertThat(after).hasSize(afterKill.size() + 2).startsWith(afterKill.toArray(Long[]::new));
            assertThat(after.get(afterKill.size())).isGreaterThan(lastBeforeRestart);
            assertThat(after).allMatch(b -> b % 5 == 0).doesNotHaveDuplicates().isSorted();
        }
    }

    private static List<Long> blocks(Path db) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             ResultSet rs = c.createStatement().executeQuery("SELECT block FROM blocks ORDER BY idx")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        } catch (java.sql.SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table")) {
                return out;
            }
            throw e;
        }
        return out;
    }
}
