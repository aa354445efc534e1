package io.tao4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalnetCommandTest {

    @Test
    void printGenesisShowsTheDocumentedDefaultAndFastCadence() throws Exception {
        CliRun r = CliRun.run("localnet", "--print-genesis", "--fast");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode g = new ObjectMapper().readTree(r.out());
        assertThat(g.get("accounts").get(0).get("account").asText()).isEqualTo("//Alice");
        assertThat(g.get("subnets").get(0).get("netuid").asInt()).isEqualTo(35);
        assertThat(g.get("subnets").get(0).get("tempo").asInt()).isEqualTo(20);
        assertThat(g.get("subnets").get(1).get("netuid").asInt()).isEqualTo(123);
        assertThat(g.get("subnets").get(1).get("neurons")).hasSize(5);
        CliRun real = CliRun.run("localnet", "--print-genesis");
        assertThat(new ObjectMapper().readTree(real.out()).get("subnets").get(0).get("tempo").asInt()).isEqualTo(360);
    }

    @Test
    void aPrintedGenesisIsAcceptedBackAndABrokenOneIsExplained(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("genesis.json");
        Files.writeString(good, CliRun.run("localnet", "--print-genesis").out());
        CliRun ok = CliRun.run("localnet", "--genesis", good.toString(), "--print-genesis");
        assertThat(ok.code()).as(ok.err()).isZero();

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(good).replace("//Charlie//miner", "not-an-account"));
        CliRun r = CliRun.run("localnet", "--genesis", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("not-an-account").contains("genesis file").doesNotContain("\tat ");

        CliRun missing = CliRun.run("localnet", "--genesis", dir.resolve("none.json").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist").contains("--print-genesis");
    }

    @Test
    void weakStoreSecretIsRefused() {
        CliRun r = CliRun.run("localnet", "--store-secret-key", "short");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--store-secret-key");
    }

    @Test
    void blockTimeOutOfRangeIsRefused() {
        CliRun r = CliRun.run("localnet", "--block-time", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--block-time");
    }
}
