package io.tao4j.localnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.SetWeightsResult;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.chain.subtensor.TimelockedWeights;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commit-reveal weights end to end on a running localnet (blocks on the 250 ms timer): the subnet owner turns
 * commit-reveal on with AdminUtils, the validator calls the chain module's {@code Subtensor.setWeights} timelocked
 * to the local beacon, and the node reveals the weights by itself once the round's pulse is in {@code Drand.Pulses}.
 */
class TimelockedWeightsLocalnetTest {
    static final Sr25519KeyPair ALICE = Sr25519KeyPair.fromUri("//Alice");
    static final Sr25519KeyPair BOB = Sr25519KeyPair.fromUri("//Bob");
    static final Sr25519KeyPair VALIDATOR = Sr25519KeyPair.fromUri("//Bob//validator");
    static final Duration T = Duration.ofSeconds(30);

    static TxOutcome send(OnlineClient c, Sr25519KeyPair who, byte[] call) {
        return c.submit(c.sign(call, who), OnlineClient.WaitFor.IN_BLOCK, T);
    }

    static void waitUntil(java.util.function.BooleanSupplier cond, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void weightsCommittedWithSetWeightsAreRevealedByTheChain() throws Exception {
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().onFreePorts());
             WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            OnlineClient client = OnlineClient.connect(ws);
            Subtensor st = Subtensor.of(client).withTimelock(net.drandChainInfo(),
                    net.discovery().get("block_time_ms").asLong() / 1000.0);
            assertThat(st.commitRevealEnabled(35, null)).isFalse();

            byte[] enable = client.encodeCall("AdminUtils", "sudo_set_commit_reveal_weights_enabled",
                    OnlineClient.args("netuid", 35, "enabled", true));
            TxOutcome notOwner = send(client, BOB, enable);
            assertThat(notOwner).isInstanceOf(TxOutcome.Included.class);
            assertThat(((TxOutcome.Included) notOwner).isSuccess()).isFalse();
            assertThat(notOwner.message()).contains("BadOrigin");
            TxOutcome owner = send(client, ALICE, enable);
            assertThat(((TxOutcome.Included) owner).isSuccess()).as(owner.message()).isTrue();
            assertThat(st.commitRevealEnabled(35, null)).isTrue();

            // plain set_weights is now refused by the runtime
            byte[] plain = client.encodeCall("SubtensorModule", "set_weights",
                    OnlineClient.args("netuid", 35, "dests", List.of(2), "weights", List.of(65535), "version_key", 0));
            assertThat(send(client, VALIDATOR, plain).message()).contains("SubtensorModule.CommitRevealEnabled");

            waitUntil(() -> st.currentBlock() > 6, Duration.ofSeconds(20), "the SDK rate-limit gate to open");
            SetWeightsResult r = st.setWeights(VALIDATOR, 35, new int[]{2, 3}, new double[]{1.0, 0.5}, 0,
                    OnlineClient.WaitFor.IN_BLOCK);
            assertThat(r.status()).as(r.message()).isEqualTo(SetWeightsResult.Status.COMMITTED);

            // the commit is in TimelockedWeightCommits(35, epoch) with the real types
            Map<Integer, Map<Long, List<SubtensorRuntime.TimelockedCommit>>> commits =
                    net.node().withRuntime(SubtensorRuntime::timelockedCommits);
            assertThat(commits).containsOnlyKeys(35);
            long epoch = commits.get(35).keySet().iterator().next();
            JsonNode stored = client.query("SubtensorModule", "TimelockedWeightCommits", List.of(35, epoch), null);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).get(0).asText()).isEqualTo(VALIDATOR.ss58());
            long revealRound = stored.get(0).get(3).asLong();
            assertThat(revealRound).isGreaterThanOrEqualTo(st.lastStoredDrandRound());
            assertThat(client.query("SubtensorModule", "Weights", List.of(35, 1), null)).isEmpty();

            // the chain reveals by itself once the pulse of the reveal round is stored
            waitUntil(() -> client.query("SubtensorModule", "Weights", List.of(35, 1), null).size() > 0,
                    Duration.ofSeconds(40), "the reveal");
            assertThat(st.drandPulse(revealRound)).isPresent();
            JsonNode w = client.query("SubtensorModule", "Weights", List.of(35, 1), null);
            assertThat(w.toString()).isEqualTo("[[2,65535],[3,32768]]");
            assertThat(client.query("SubtensorModule", "TimelockedWeightCommits", List.of(35, epoch), null)).isEmpty();
            assertThat(net.node().withRuntime(SubtensorRuntime::timelockedCommits)).isEmpty();
            // the block that revealed carries the real events
            boolean seen = false;
            for (long n = st.currentBlock(); n > 0 && !seen; n--) {
                String events = client.query("System", "Events", List.of(), st.blockHash(n)).toString();
                seen = events.contains("TimelockedWeightsRevealed") && events.contains("WeightsSet");
            }
            assertThat(seen).as("TimelockedWeightsRevealed and WeightsSet events").isTrue();
        }
    }

    @Test
    void thePoolAndTheDecoderRefuseBadCommits() throws Exception {
        Localnet.Config c = Localnet.Config.defaults().fast().forTests();
        c.genesis().subnets.stream().filter(s -> s.netuid == 35).forEach(s -> s.commitReveal = true);
        try (Localnet net = Localnet.start(c); WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            for (int i = 0; i < 3; i++) {
                net.produceBlock();
            }
            OnlineClient client = OnlineClient.connect(ws);
            Subtensor st = Subtensor.of(client);
            assertThat(st.commitRevealEnabled(35, null)).isTrue(); // the genesis option
            long last = st.lastStoredDrandRound();
            assertThat(last).isPositive();
            byte[] ct = TimelockedWeights.encrypt(TimelockedWeights.payload(VALIDATOR.publicKey(), new int[]{2}, new int[]{1}, 0),
                    last + 5, new SecureRandom(), net.drandChainInfo());
            // a reveal round before LastStoredRound: InvalidRevealRound (custom 15) in the pool
            TxOutcome old = client.submit(client.sign(st.commitCall(35, new TimelockedWeights.Commit(ct, last - 1)), VALIDATOR),
                    OnlineClient.WaitFor.NOTHING, T);
            assertThat(old).isInstanceOf(TxOutcome.Rejected.class);
            assertThat(((TxOutcome.Rejected) old).customCode()).isEqualTo(15);
            // more than 5000 bytes cannot be decoded as the BoundedVec
            TxOutcome big = client.submit(client.sign(st.commitCall(35, new TimelockedWeights.Commit(new byte[5001], last + 5)),
                    VALIDATOR), OnlineClient.WaitFor.NOTHING, T);
            assertThat(big).isInstanceOf(TxOutcome.Rejected.class);
            assertThat(((TxOutcome.Rejected) big).code()).isEqualTo(1001);
            assertThat(big.message()).contains("5001 bytes");
            // an acceptable one enters the pool and is stored by the next block
            TxOutcome ok = client.submit(client.sign(st.commitCall(35, new TimelockedWeights.Commit(ct, last + 5)), VALIDATOR),
                    OnlineClient.WaitFor.NOTHING, T);
            assertThat(ok).isInstanceOf(TxOutcome.Submitted.class);
            net.produceBlock();
            assertThat(net.node().withRuntime(SubtensorRuntime::timelockedCommits).get(35).values())
                    .singleElement().satisfies(l -> assertThat(l).singleElement()
                            .satisfies(x -> assertThat(x.revealRound()).isEqualTo(last + 5)));
        }
    }
}
