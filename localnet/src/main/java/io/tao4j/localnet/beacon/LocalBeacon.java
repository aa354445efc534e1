package io.tao4j.localnet.beacon;

import io.tao4j.crypto.Hex;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G1Point;
import io.tao4j.crypto.bls.G2Point;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A drand beacon in the quicknet scheme ({@code bls-unchained-g1-rfc9380}) with a local key: the
 * secret scalar is derived deterministically from a seed, the public key is on G2 and round
 * {@code r}'s signature is {@code sk · H(sha256(r as u64 BE))} on G1 — so drand verifiers and tlock
 * work unchanged with the local public key. Rounds follow drand's clock:
 * {@code round(t) = floor((t − genesis) / period) + 1}.
 */
public final class LocalBeacon {
    /** BLS12-381 group order r. */
    static final BigInteger ORDER = new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    public static final String SCHEME = "bls-unchained-g1-rfc9380";

    private final BigInteger secret;
    private final G2Point publicKey;
    private final long genesisTime;
    private final int period;
    private final String beaconId;
    private final byte[] genesisSeed;
    private final Map<Long, byte[]> signatures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > 4096;
        }
    };

    /**
     * @param seed        any text; the same seed always gives the same key pair
     * @param genesisTime unix seconds of round 1
     * @param period      seconds between rounds
     * @param beaconId    beacon id served in the v2 API (e.g. {@code quicknet})
     */
    public LocalBeacon(String seed, long genesisTime, int period, String beaconId) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.secret = deriveSecret(seed);
        this.publicKey = G2Point.generator().multiply(secret);
        this.genesisTime = genesisTime;
        this.period = period;
        this.beaconId = beaconId;
        this.genesisSeed = sha256(("tao4j localnet drand genesis " + seed).getBytes(StandardCharsets.UTF_8));
    }

    static BigInteger deriveSecret(String seed) {
        // 64 bytes of SHA-256 output reduced mod r: negligible bias, never zero in practice (checked).
        byte[] a = sha256(("tao4j-localnet-drand-sk-0:" + seed).getBytes(StandardCharsets.UTF_8));
        byte[] b = sha256(("tao4j-localnet-drand-sk-1:" + seed).getBytes(StandardCharsets.UTF_8));
        byte[] wide = ByteBuffer.allocate(64).put(a).put(b).array();
        BigInteger k = new BigInteger(1, wide).mod(ORDER);
        if (k.signum() == 0) {
            throw new IllegalStateException("degenerate beacon seed");
        }
        return k;
    }

    public byte[] publicKey() {
        return publicKey.toCompressed();
    }

    public long genesisTime() {
        return genesisTime;
    }

    public int period() {
        return period;
    }

    public String beaconId() {
        return beaconId;
    }

    public byte[] genesisSeed() {
        return genesisSeed.clone();
    }

    /** The round current at unix time {@code epochSeconds} (0 before genesis). */
    public long roundAt(long epochSeconds) {
        if (epochSeconds < genesisTime) {
            return 0;
        }
        return (epochSeconds - genesisTime) / period + 1;
    }

    /** Unix time at which {@code round} is emitted. */
    public long timeOf(long round) {
        return genesisTime + (round - 1) * period;
    }

    /** The 48-byte compressed signature of {@code round} (round ≥ 1). */
    public synchronized byte[] signature(long round) {
        if (round < 1) {
            throw new IllegalArgumentException("rounds start at 1");
        }
        return signatures.computeIfAbsent(round, r -> {
            G1Point sig = DrandBls.roundPoint(r).multiply(secret);
            return sig.toCompressed();
        }).clone();
    }

    /**
     * drand chain hash: SHA-256 over period (u32 BE) ‖ genesis time (i64 BE) ‖ public key ‖ genesis
     * seed ‖ beacon id (the id only when it is not {@code default}), as drand's {@code Info.Hash()}.
     */
    public byte[] chainHash() {
        return chainHash(period, genesisTime, publicKey(), genesisSeed, beaconId);
    }

    /** The drand chain-hash rule for any chain's parameters. */
    public static byte[] chainHash(int period, long genesisTime, byte[] publicKey, byte[] genesisSeed, String beaconId) {
        byte[] id = beaconId.isEmpty() || beaconId.equals("default") ? new byte[0] : beaconId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 + publicKey.length + genesisSeed.length + id.length);
        buf.putInt(period).putLong(genesisTime).put(publicKey).put(genesisSeed).put(id);
        return sha256(buf.array());
    }

    @Override
    public String toString() {
        return "LocalBeacon{" + beaconId + ", pk=" + Hex.encode(publicKey()).substring(0, 16) + "…, period=" + period + "s}";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
