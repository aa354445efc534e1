package io.tao4j.cli;

import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected keys from fixtures/vectors/subtensor_golden_vectors.txt §2 and chain's polkadot-js vectors. */
class ChainStorageKeyCommandTest {
    private static final String META393 = CliRun.fixture("metadata", "finney-spec393.v16.scale");
    private static final String META233 = CliRun.fixture("metadata", "testnet-spec233.v14.json");

    @Test
    void keysOfMapsAndPlainItems() {
        assertThat(CliRun.run("chain", "storage-key", "--metadata", META393, "SubtensorModule.Tempo", "[1]").line())
                .isEqualTo("0x658faa385070e074c85bf6b568cf05557641384bb339f3758acddfd7053d33170100");
        assertThat(CliRun.run("chain", "storage-key", "--metadata", META393, "SubtensorModule.Tempo", "[35]").line())
                .isEqualTo("0x658faa385070e074c85bf6b568cf05557641384bb339f3758acddfd7053d33172300");
        assertThat(CliRun.run("chain", "storage-key", "--metadata", META393, "System.Account",
                "[\"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty\"]").line())
                .isEqualTo("0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da94f9aea1afa791265fae359272badc1cf"
                        + "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
        assertThat(CliRun.run("chain", "storage-key", "--metadata", META233, "SubtensorModule.Uids",
                "[1, \"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\"]").line())
                .isEqualTo("0x658faa385070e074c85bf6b568cf0555aab1b4e78e1ea8305462ee53b3686dc80100de1e86a9a8c739864cf3cc5ec2bea59f"
                        + "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
        assertThat(CliRun.run("chain", "storage-key", "--metadata", META393, "System.Events").line())
                .isEqualTo("0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7");
        assertThat(CliRun.run("chain", "storage-key", "--metadata", META393, "--prefix", "Commitments.CommitmentOf", "[1]").line())
                .isEqualTo("0xca407206ec1ab726b2636c4b145ac287419a60ae8b01e6dcaebd7317e43c69bf0100");
    }

    @Test
    void clearErrors() {
        failsNaming("SubtensorModule.Uids takes 2 key(s)", "SubtensorModule.Uids", "[1]");
        failsNaming("Tempoo", "SubtensorModule.Tempoo", "[1]");
        failsNaming("System.Account", "System.Account", "[\"nope\"]");
        failsNaming("not valid JSON", "SubtensorModule.Tempo", "[1");
        failsNaming("<Pallet.Item>", "Tempo", "[1]");
        failsNaming("70000", "SubtensorModule.Tempo", "[70000]");
    }

    /** {@code storage-key args…} exits 1 with a one-line error naming {@code expected}, no stack trace. */
    private static void failsNaming(String expected, String... args) {
        CliRun r = CliRun.run(Stream.concat(Stream.of("chain", "storage-key", "--metadata", META393), Stream.of(args))
                .toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(expected).doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }
}
