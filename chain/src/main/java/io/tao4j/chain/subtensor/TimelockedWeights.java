package io.tao4j.chain.subtensor;

import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.scale.ScaleWriter;

import java.security.SecureRandom;

/**
 * The commit of commit-reveal weights as the Python SDK builds it through {@code bittensor_drand.get_encrypted_commit}
 * (opentensor/bittensor-drand @ 3ff0eac5 {@code src/drand.rs} {@code generate_commit} / {@code encrypt_and_compress}):
 * the SCALE payload {@code WeightsTlockPayload{hotkey: Vec<u8>, uids: Vec<u16>, values: Vec<u16>, version_key: u64}}
 * timelock-encrypted to a drand quicknet round with the ideal-labs {@code tle} at rev 5416406 (before c81fc91, so the
 * {@link TlockLayout#LEGACY} byte layout, ark-serialize compressed). The chain decrypts it itself when the round's
 * beacon arrives and applies the weights. Quicknet is the default; the overloads taking a {@link ChainInfo} lock to
 * another drand chain (a local network's beacon) and count rounds on its clock.
 */
public final class TimelockedWeights {
    /** {@code SECURITY_BLOCK_OFFSET}: aim for the pulse to be ingested 3 blocks into the reveal epoch. */
    public static final long SECURITY_BLOCK_OFFSET = 3;

    private TimelockedWeights() {
    }

    /** A commit ready for {@code commit_timelocked_(mechanism_)weights}. */
    public record Commit(byte[] ciphertext, long revealRound) {
        public Commit {
            ciphertext = ciphertext.clone();
        }

        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }
    }

    /**
     * The drand round the commit targets ({@code generate_commit} steps 1-3): the first block of the epoch
     * {@code revealPeriodEpochs} after the current one, plus 3 blocks, converted to wall-clock time with
     * {@code blockTimeSeconds} and to a quicknet round (rounded down, at least 1).
     *
     * @param netuid the storage index (netuid + mecid·4096; = netuid for mechanism 0), as the SDK passes it
     */
    public static long revealRound(long tempo, long currentBlock, int netuid, long revealPeriodEpochs,
                                   double blockTimeSeconds, double nowUnixSeconds) {
        return revealRound(tempo, currentBlock, netuid, revealPeriodEpochs, blockTimeSeconds, nowUnixSeconds, ChainInfo.QUICKNET);
    }

    /**
     * {@link #revealRound(long, long, int, long, double, double)} on the clock of another drand chain (its genesis
     * time and period), e.g. a local network's beacon.
     */
    public static long revealRound(long tempo, long currentBlock, int netuid, long revealPeriodEpochs,
                                   double blockTimeSeconds, double nowUnixSeconds, ChainInfo chain) {
        long tempoPlusOne = tempo + 1;
        long netuidPlusOne = netuid + 1L;
        long currentEpoch = (currentBlock + netuidPlusOne) / tempoPlusOne;
        long revealEpoch = currentEpoch + revealPeriodEpochs;
        long firstRevealBlock = Math.max(0, revealEpoch * tempoPlusOne - netuidPlusOne);
        long target = firstRevealBlock + SECURITY_BLOCK_OFFSET;
        long blocksUntil = Math.max(0, target - currentBlock);
        double targetSecs = nowUnixSeconds + blocksUntil * blockTimeSeconds;
        ChainInfo q = chain;
        long round = (long) Math.floor((targetSecs - q.genesisTime()) / q.periodSeconds());
        return Math.max(1, round);
    }

    /** SCALE of {@code WeightsTlockPayload}. */
    public static byte[] payload(byte[] hotkeyPublicKey, int[] uids, int[] values, long versionKey) {
        ScaleWriter w = new ScaleWriter(64 + 4 * uids.length);
        w.writeByteVec(hotkeyPublicKey);
        w.writeCompact(uids.length);
        for (int u : uids) {
            w.writeU16(u);
        }
        w.writeCompact(values.length);
        for (int v : values) {
            w.writeU16(v);
        }
        w.writeU64(versionKey);
        return w.toByteArray();
    }

    /** Encrypts {@code payload} to {@code round} with a fresh random 32-byte key (the SDK's {@code esk}). */
    public static byte[] encrypt(byte[] payload, long round, SecureRandom random) {
        return encrypt(payload, round, random, ChainInfo.QUICKNET);
    }

    /** Encrypts {@code payload} to {@code round} of the drand chain {@code chain} (its public key). */
    public static byte[] encrypt(byte[] payload, long round, SecureRandom random, ChainInfo chain) {
        byte[] esk = new byte[Tlock.SECRET_SIZE];
        random.nextBytes(esk);
        return new Tlock(chain.publicKeyPoint()).encrypt(round, payload, esk, TlockLayout.LEGACY, random);
    }

    /** {@code generate_commit}: payload, round and ciphertext. */
    public static Commit commit(byte[] hotkeyPublicKey, int[] uids, int[] values, long versionKey, long tempo,
                                long currentBlock, int storageIndex, long revealPeriodEpochs, double blockTimeSeconds,
                                double nowUnixSeconds, SecureRandom random) {
        return commit(hotkeyPublicKey, uids, values, versionKey, tempo, currentBlock, storageIndex, revealPeriodEpochs,
                blockTimeSeconds, nowUnixSeconds, random, ChainInfo.QUICKNET);
    }

    /** {@code generate_commit} against another drand chain: its clock for the round, its public key for the lock. */
    public static Commit commit(byte[] hotkeyPublicKey, int[] uids, int[] values, long versionKey, long tempo,
                                long currentBlock, int storageIndex, long revealPeriodEpochs, double blockTimeSeconds,
                                double nowUnixSeconds, SecureRandom random, ChainInfo chain) {
        long round = revealRound(tempo, currentBlock, storageIndex, revealPeriodEpochs, blockTimeSeconds, nowUnixSeconds,
                chain);
        return new Commit(encrypt(payload(hotkeyPublicKey, uids, values, versionKey), round, random, chain), round);
    }
}
