package io.tao4j.cli.subnets;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.cli.CliRun;
import io.tao4j.cli.stake.OperatorNet;
import io.tao4j.cli.stake.OperatorNetTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tao4j.cli.stake.OperatorNet.ss58;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tao4j subnets …} and {@code tao4j weights …} against the local network, read back through raw storage
 * decoded in the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubnetsWeightsCommandsTest extends OperatorNetTest {
    static final String VALIDATOR = ss58("//Bob//validator"), MANTIS = ss58("//Bob//mantis"), FRESH = ss58("//Bob//fresh");

    @Test
    @Order(1)
    void listShowAndHyperparameters() throws Exception {
        CliRun r = n.run(n.args("bob", "validator", "subnets", "list", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode subnets = OperatorNet.json(r).get("subnets");
        assertThat(subnets.findValuesAsText("netuid")).contains("35", "123");
        for (JsonNode s : subnets) {
            assertThat(s.get("subnetwork_n").asInt()).isEqualTo(n.u16("SubnetworkN", s.get("netuid").asInt()));
            assertThat(s.get("tempo").asInt()).isEqualTo(n.u16("Tempo", s.get("netuid").asInt()));
        }
        CliRun show = n.run(n.args("bob", "validator", "subnets", "show", "--netuid", "35"));
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains(VALIDATOR).contains("UID");

        CliRun hp = n.run(n.args("bob", "validator", "subnets", "hyperparameters", "--netuid", "123", "--json"));
        assertThat(hp.code()).as(hp.err()).isZero();
        JsonNode h = OperatorNet.json(hp);
        assertThat(h.get("tempo").asInt()).isEqualTo(n.u16("Tempo", 123));
        byte[] cr = n.raw("SubtensorModule", "CommitRevealWeightsEnabled", List.of(123));
        assertThat(h.get("commit_reveal_weights_enabled").asBoolean()).isEqualTo(cr != null && cr[0] == 1);

        CliRun missing = n.run(n.args("bob", "validator", "subnets", "show", "--netuid", "77"));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("subnet 77 does not exist");
    }

    @Test
    @Order(2)
    void setWeightsThenTheFullMetagraphShowsThem() throws Exception {
        CliRun set = n.run(n.args("bob", "validator", "weights", "set", "--netuid", "35", "--uids", "2,3", "--weights", "1,3",
                "-y", "--json"));
        assertThat(set.code()).as(set.err() + set.out()).isZero();
        assertThat(n.weights(35, 1)).containsExactly(Map.entry(2, 21845), Map.entry(3, 65535));
        assertThat(OperatorNet.json(set).get("weights_on_chain").toString()).isEqualTo("[[2,21845],[3,65535]]");

        CliRun again = n.runOnDemand(n.args("bob", "validator", "weights", "set", "--netuid", "35", "--uids", "2", "--weights", "1", "-y"));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("TOO_SOON"); // the SDK's gate: WeightsSetRateLimit blocks have not passed

        CliRun mg = n.run(n.args("bob", "validator", "subnets", "metagraph", "--netuid", "35", "--full", "--json"));
        assertThat(mg.code()).as(mg.err()).isZero();
        JsonNode neurons = OperatorNet.json(mg).get("neurons");
        JsonNode v = neurons.get(1);
        assertThat(v.get("hotkey").asText()).isEqualTo(VALIDATOR);
        assertThat(v.get("weights").toString()).isEqualTo("[[2,21845],[3,65535]]");
        assertThat(v.get("validator_permit").asBoolean()).isTrue();
        assertThat(v.get("stake").decimalValue().signum()).isPositive();
        assertThat(neurons.size()).isEqualTo(n.u16("SubnetworkN", 35));
        CliRun lite = n.run(n.args("bob", "validator", "subnets", "metagraph", "--netuid", "35", "--json"));
        assertThat(OperatorNet.json(lite).at("/neurons/1").has("weights")).isFalse();
    }

    @Test
    @Order(3)
    void registerBurnsAndTheUidIsInStorage() throws Exception {
        long free0 = n.free(ss58("//Bob"));
        CliRun r = n.run(n.args("bob", "fresh", "subnets", "register", "--netuid", "35", "-y", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = OperatorNet.json(r);
        Integer uid = n.uid(35, FRESH);
        assertThat(uid).isNotNull().isEqualTo(j.get("uid").asInt());
        long burn = j.get("burn_cost").decimalValue().movePointRight(9).longValueExact();
        long fee = j.get("fee").decimalValue().movePointRight(9).longValueExact();
        assertThat(n.free(ss58("//Bob"))).isEqualTo(free0 - burn - fee);
        CliRun twice = n.run(n.args("bob", "fresh", "subnets", "register", "--netuid", "35", "-y"));
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("already registered on netuid 35 as UID " + uid);
    }

    @Test
    @Order(4)
    void commitRevealWithTheSdkHash() throws Exception {
        List<String> weights = List.of("--netuid", "123", "--uids", "2,3,4,5", "--weights", "1,1,1,2", "--salt", "7,8,9");
        // the subnet owner turns commit-reveal on (setup through the library, not the command under test)
        try (io.tao4j.chain.subtensor.Subtensor st = io.tao4j.chain.subtensor.Subtensor.of(n.client)) {
            var out = n.withBlocks(() -> st.submit(io.tao4j.crypto.Sr25519KeyPair.fromUri("//Alice"),
                    cl -> cl.encodeCall("AdminUtils", "sudo_set_commit_reveal_weights_enabled",
                            io.tao4j.chain.OnlineClient.args("netuid", 123, "enabled", true)), io.tao4j.chain.OnlineClient.WaitFor.IN_BLOCK));
            assertThat(out.isSuccess()).as(out.message()).isTrue();
        }
        n.afterEpoch(123);
        CliRun c = n.runOnDemand(args("commit", weights));
        assertThat(c.code()).as(c.err()).isZero();
        JsonNode j = OperatorNet.json(c);
        assertThat(j.get("pending_commits")).hasSize(1);
        assertThat(n.raw("SubtensorModule", "WeightCommits", List.of(123, MANTIS))).isNotNull();

        CliRun fast = n.runOnDemand(args("commit", weights));
        assertThat(fast.code()).isEqualTo(1);
        assertThat(fast.err()).contains("SubtensorModule.CommittingWeightsTooFast");

        CliRun early = n.runOnDemand(args("reveal", weights));
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.err()).contains("SubtensorModule.RevealTooEarly");

        n.afterEpoch(123); // the next block is in the reveal epoch
        CliRun wrongSalt = n.runOnDemand(args("reveal", List.of("--netuid", "123", "--uids", "2,3,4,5", "--weights", "1,1,1,2",
                "--salt", "7,8,10")));
        assertThat(wrongSalt.code()).isEqualTo(1);
        assertThat(wrongSalt.err()).contains("SubtensorModule.InvalidRevealCommitHashNotMatch");

        CliRun reveal = n.runOnDemand(args("reveal", weights));
        assertThat(reveal.code()).as(reveal.err()).isZero();
        assertThat(n.weights(123, 1)).containsExactly(Map.entry(2, 32768), Map.entry(3, 32768), Map.entry(4, 32768),
                Map.entry(5, 65535));
        assertThat(OperatorNet.json(reveal).get("weights_on_chain").toString())
                .isEqualTo("[[2,32768],[3,32768],[4,32768],[5,65535]]");
        assertThat(n.raw("SubtensorModule", "WeightCommits", List.of(123, MANTIS))).isNull();
    }

    private List<String> args(String verb, List<String> rest) {
        List<String> a = new java.util.ArrayList<>(List.of("weights", verb));
        a.addAll(rest);
        a.addAll(List.of("-y", "--json"));
        return n.args("bob", "mantis", a.toArray(String[]::new));
    }
}
