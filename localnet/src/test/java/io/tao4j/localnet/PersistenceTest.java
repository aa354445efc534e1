package io.tao4j.localnet;

import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.tx.TxParams;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.node.ByteKey;
import io.tao4j.localnet.node.DevNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** --state-dir: the chain survives restarts, torn writes and kill -9. */
class PersistenceTest {
    static final Sr25519KeyPair ALICE = Sr25519KeyPair.fromUri("//Alice");
    static final Sr25519KeyPair DAVE = Sr25519KeyPair.fromUri("//Dave");

    static Localnet start(Path dir) throws Exception {
        return Localnet.start(Localnet.Config.defaults().fast().forTests().withStateDir(dir));
    }

    static long free(Localnet net, byte[] who) {
        DevNode.Block b = net.node().best();
        OfflineClient c = client(net);
        byte[] raw = b.storage().orElseThrow().get(new ByteKey(c.storageKey("System", "Account", List.of(who))));
        return c.decodeStorage("System", "Account", raw).get("data").get("free").asLong();
    }

    static OfflineClient client(Localnet net) {
        var meta = net.node().metadata();
        return new OfflineClient(meta.v14Model(), net.node().genesis().hash(), new RuntimeVersion(meta.specVersion(), meta.transactionVersion()));
    }

    @Test
    void chainIsRestoredExactlyAfterARestartAndATornWrite(@TempDir Path dir) throws Exception {
        byte[] bestHash;
        long daveBalance;
        try (Localnet net = start(dir)) {
            OfflineClient c = client(net);
            byte[] call = c.encodeCall("Balances", "transfer_keep_alive", Map.of("dest", DAVE.ss58(), "value", 7_000_000_000L));
            net.node().submit(c.sign(call, ALICE, TxParams.immortal(0)).bytes(), null);
            for (int i = 0; i < 5; i++) {
                net.produceBlock();
            }
            bestHash = net.node().best().hash();
            daveBalance = free(net, DAVE.publicKey());
            assertThat(daveBalance).isEqualTo(1_000_007_000_000_000L);
        }
        // a crash in the middle of writing the next record
        Files.write(dir.resolve("blocks.log"), new byte[]{0, 0, 1, 0, 42, 42, 42}, StandardOpenOption.APPEND);
        try (Localnet net = start(dir)) {
            assertThat(net.node().best().number()).isEqualTo(5);
            assertThat(net.node().best().hash()).isEqualTo(bestHash);
            assertThat(free(net, DAVE.publicKey())).isEqualTo(daveBalance);
            assertThat(net.node().nextIndex(new io.tao4j.localnet.runtime.AccountId(ALICE.publicKey()))).isEqualTo(1);
            net.produceBlock();
            assertThat(net.node().best().number()).isEqualTo(6);
        }
        try (Localnet net = start(dir)) {
            assertThat(net.node().best().number()).isEqualTo(6);
        }
    }

    @Test
    void killDashNineLosesAtMostTheBlockBeingWritten(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LocalnetProcess.class.getName(),
                dir.toString()).redirectErrorStream(true).redirectOutput(File.createTempFile("localnet", ".log")).start();
        try {
            Path log = dir.resolve("blocks.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((!Files.exists(log) || Files.size(log) < 1500) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.size(log)).as("the child produced blocks").isGreaterThanOrEqualTo(1500);
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor(10, TimeUnit.SECONDS);
        }
        // count the complete records: 4-byte length, payload, 4-byte CRC (a torn tail does not count)
        byte[] raw = Files.readAllBytes(dir.resolve("blocks.log"));
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long complete = 0;
        while (buf.remaining() >= 4) {
            int len = buf.getInt();
            if (len <= 0 || buf.remaining() < len + 4) {
                break;
            }
            buf.position(buf.position() + len + 4);
            complete++;
        }
        try (Localnet net = start(dir)) {
            long n = net.node().best().number();
            assertThat(n).isGreaterThan(10);
            // every complete record was restored (the last one may have had a bad CRC if torn mid-payload)
            assertThat(n).isGreaterThanOrEqualTo(complete - 1);
        }
    }
}
