package io.tao4j.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainEncodeCallCommandTest {
    private static final String META393 = CliRun.fixture("metadata", "finney-spec393.v16.scale");
    private static final String META233 = CliRun.fixture("metadata", "testnet-spec233.v14.json");

    @Test
    void encodesSetWeights() {
        CliRun r = CliRun.run("chain", "encode-call", "--metadata", META393, "SubtensorModule.set_weights",
                "{\"netuid\":35,\"dests\":[69],\"weights\":[65535],\"version_key\":0}");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("0x070023000445000" + "4ffff0000000000000000");
        // same call on the V14 testnet blob (JSON fixture form)
        CliRun v14 = CliRun.run("chain", "encode-call", "--metadata", META233, "SubtensorModule.set_weights",
                "[1,[0],[65535],0]");
        assertThat(v14.out().strip()).isEqualTo("0x0700010004000004ffff0000000000000000");
    }

    /** fixtures/vectors/subtensor_golden_vectors.txt §3: burned_register(1, //Alice). */
    @Test
    void encodesAccountArgumentsFromSs58() {
        CliRun r = CliRun.run("chain", "encode-call", "--metadata", META393, "SubtensorModule.burned_register",
                "{\"netuid\":1,\"hotkey\":\"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\"}");
        assertThat(r.out().strip())
                .isEqualTo("0x07070100d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    }

    @Test
    void badNamesListCloseMatches() {
        CliRun r = CliRun.run("chain", "encode-call", "--metadata", META393, "SubtensorModule.set_weight", "{}");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("tao4j: unknown call 'SubtensorModule.set_weight'; did you mean: "
                + "SubtensorModule.set_weights" + r.err().strip().substring(r.err().strip().indexOf("set_weights") + 11));
        assertThat(r.err()).contains("did you mean: SubtensorModule.set_weights");
        CliRun p = CliRun.run("chain", "encode-call", "--metadata", META393, "Subtensor.set_weights", "{}");
        assertThat(p.code()).isEqualTo(1);
        assertThat(p.err()).contains("unknown pallet 'Subtensor'").contains("SubtensorModule");
        CliRun noDot = CliRun.run("chain", "encode-call", "--metadata", META393, "set_weights", "{}");
        assertThat(noDot.err()).contains("expected <Pallet.call>");
    }

    @Test
    void badArgumentsNameThePath() {
        CliRun r = CliRun.run("chain", "encode-call", "--metadata", META393, "SubtensorModule.set_weights",
                "{\"netuid\":35,\"dests\":[1,2,3,-1],\"weights\":[1,1,1,1],\"version_key\":0}");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("tao4j: set_weights.dests[3]: expected u16, got -1");
        CliRun json = CliRun.run("chain", "encode-call", "--metadata", META393, "SubtensorModule.set_weights", "{netuid:");
        assertThat(json.err()).contains("not valid JSON");
        assertThat(json.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void badMetadataFile() {
        CliRun r = CliRun.run("chain", "encode-call", "--metadata", "/nonexistent/meta.scale", "System.remark", "[\"0x\"]");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot load metadata").doesNotContain("Exception");
    }
}
