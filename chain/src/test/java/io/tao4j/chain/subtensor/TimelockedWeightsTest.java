package io.tao4j.chain.subtensor;

import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G2Point;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timelocked commits aimed at and locked to a drand chain other than quicknet (a local beacon). */
class TimelockedWeightsTest {
    static final BigInteger SECRET = new BigInteger("1234567890abcdef1234567890abcdef", 16);
    static final ChainInfo LOCAL = new ChainInfo("local", G2Point.generator().multiply(SECRET).toCompressed(), 3,
            1_700_000_000L, null, null, ChainInfo.SCHEME_UNCHAINED_G1_RFC9380);

    @Test
    void theRevealRoundIsCountedOnTheGivenChainsClock() {
        // tempo 20, netuid 35, block 10: epoch (10+36)/21 = 2, reveal epoch 3 starts at 3·21 − 36 = 27; target 30,
        // 20 blocks of 0.25 s after now
        double now = 1_700_000_100.0;
        long r = TimelockedWeights.revealRound(20, 10, 35, 1, 0.25, now, LOCAL);
        assertThat(r).isEqualTo((long) Math.floor((now + 20 * 0.25 - 1_700_000_000L) / 3));
        // the quicknet overload is the same computation on quicknet's clock
        double later = 1_800_000_000.0;
        assertThat(TimelockedWeights.revealRound(360, 1000, 35, 1, 12, later))
                .isEqualTo(TimelockedWeights.revealRound(360, 1000, 35, 1, 12, later, ChainInfo.QUICKNET));
    }

    @Test
    void aCommitLockedToTheGivenChainOpensWithThatChainsSignature() throws TlockException {
        byte[] hotkey = new byte[32];
        hotkey[0] = 7;
        TimelockedWeights.Commit c = TimelockedWeights.commit(hotkey, new int[]{2, 3}, new int[]{65535, 32768}, 0, 20, 10,
                35, 1, 0.25, 1_700_000_100.0, new SecureRandom(), LOCAL);
        byte[] sig = DrandBls.roundPoint(c.revealRound()).multiply(SECRET).toCompressed();
        assertThat(DrandBls.verify(LOCAL.publicKeyPoint(), c.revealRound(), sig)).isTrue();
        assertThat(Tlock.decrypt(c.ciphertext(), sig))
                .isEqualTo(TimelockedWeights.payload(hotkey, new int[]{2, 3}, new int[]{65535, 32768}, 0));
        // the next round's signature does not open it
        byte[] other = DrandBls.roundPoint(c.revealRound() + 1).multiply(SECRET).toCompressed();
        assertThatThrownBy(() -> Tlock.decrypt(c.ciphertext(), other)).isInstanceOf(TlockException.class);
    }
}
