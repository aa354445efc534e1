package io.tao4j.chain.subtensor;

import io.tao4j.crypto.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The commit hash of {@code commit_weights}, laid out as the SDK's {@code generate_weight_hash}: account id ‖ netuid u16
 * ‖ Vec&lt;u16&gt; uids ‖ Vec&lt;u16&gt; values ‖ Vec&lt;u16&gt; salt ‖ version key u64, blake2b-256. The expected value
 * was computed with Python's hashlib.blake2b over bytes packed with struct (little-endian), independently of this code.
 */
class WeightCommitHashTest {
    static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    @Test
    void matchesTheSdkLayout() {
        byte[] h = OperatorReads.weightCommitHash(ALICE, 1, new int[]{1, 2}, new int[]{65535, 32768},
                new int[]{1, 2, 3, 4, 5, 6, 7, 8}, 843000);
        assertThat(Hex.encode(h)).isEqualTo("d20868ffb7a9caa253af01cf53c589ce53880acaf838519483a5fc05f7ee479f");
    }

    @Test
    void everyPartChangesTheHash() {
        String base = Hex.encode(OperatorReads.weightCommitHash(ALICE, 1, new int[]{1}, new int[]{1}, new int[]{1}, 0));
        assertThat(Hex.encode(OperatorReads.weightCommitHash(ALICE, 2, new int[]{1}, new int[]{1}, new int[]{1}, 0))).isNotEqualTo(base);
        assertThat(Hex.encode(OperatorReads.weightCommitHash(ALICE, 1, new int[]{1}, new int[]{1}, new int[]{2}, 0))).isNotEqualTo(base);
        assertThat(Hex.encode(OperatorReads.weightCommitHash(ALICE, 1, new int[]{1}, new int[]{1}, new int[]{1}, 1))).isNotEqualTo(base);
    }

    @Test
    void valuesOutsideU16AreRefused() {
        assertThatThrownBy(() -> OperatorReads.weightCommitHash(ALICE, 1, new int[]{70000}, new int[]{1}, new int[]{1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u16");
    }
}
