package io.tao4j.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected keys from fixtures/vectors/subtensor_golden_vectors.txt §2 and chain's polkadot-js vectors. */
class ChainStorageKeyCommandTest {
    private static final String META393 = Path.of(System.getProperty("tao4j.shared"), "fixtures", "metadata",
            "finney-spec393.v16.scale").toString();
    private static final String META233 = Path.of(System.getProperty("tao4j.shared"), "fixtures", "metadata",
            "testnet-spec233.v14.json").toString();

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
        CliRun missing = CliRun.run("chain", "storage-key", "--metadata", META393, "SubtensorModule.Uids", "[1]");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("SubtensorModule.Uids takes 2 key(s)");
        CliRun unknown = CliRun.run("chain", "storage-key", "--metadata", META393, "SubtensorModule.Tempoo", "[1]");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("Tempoo");
        CliRun badAccount = CliRun.run("chain", "storage-key", "--metadata", META393, "System.Account", "[\"nope\"]");
        assertThat(badAccount.code()).isEqualTo(1);
        assertThat(badAccount.err()).contains("System.Account").doesNotContain("Exception");
        CliRun badJson = CliRun.run("chain", "storage-key", "--metadata", META393, "SubtensorModule.Tempo", "[1");
        assertThat(badJson.err()).contains("not valid JSON");
        CliRun badTarget = CliRun.run("chain", "storage-key", "--metadata", META393, "Tempo", "[1]");
        assertThat(badTarget.err()).contains("<Pallet.Item>");
        CliRun range = CliRun.run("chain", "storage-key", "--metadata", META393, "SubtensorModule.Tempo", "[70000]");
        assertThat(range.code()).isEqualTo(1);
    }
}
