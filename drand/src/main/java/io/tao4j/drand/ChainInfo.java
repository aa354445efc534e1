package io.tao4j.drand;

import io.tao4j.crypto.Hex;
import io.tao4j.crypto.bls.G2Point;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The parameters of one drand chain: public key (96-byte compressed G2), period, genesis time, genesis
 * seed, chain hash, scheme and beacon id. Only the {@code bls-unchained-g1-rfc9380} scheme is supported.
 */
public final class ChainInfo {
    public static final String SCHEME_UNCHAINED_G1_RFC9380 = "bls-unchained-g1-rfc9380";

    /** drand quicknet, the chain MANTIS uses (config.py at 2e9bc5b; tlock-js defaults). */
    public static final ChainInfo QUICKNET = new ChainInfo("quicknet",
            Hex.decode("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c"
                    + "8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb"
                    + "5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a"),
            3, 1692803367L,
            Hex.decode("f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e"),
            Hex.decode("52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"),
            SCHEME_UNCHAINED_G1_RFC9380);

    private final String beaconId;
    private final byte[] publicKey;
    private final G2Point publicKeyPoint;
    private final int periodSeconds;
    private final long genesisTime;
    private final byte[] genesisSeed;
    private final byte[] chainHash;
    private final String scheme;

    /**
     * @throws IllegalArgumentException if the public key is not a valid G2 point, the period is not
     *     positive, or the scheme is not supported
     */
    public ChainInfo(String beaconId, byte[] publicKey, int periodSeconds, long genesisTime, byte[] genesisSeed,
                     byte[] chainHash, String scheme) {
        this.beaconId = Objects.requireNonNull(beaconId, "beaconId");
        this.publicKey = publicKey.clone();
        this.publicKeyPoint = G2Point.fromCompressed(this.publicKey);
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("drand period must be positive, got " + periodSeconds);
        }
        this.periodSeconds = periodSeconds;
        this.genesisTime = genesisTime;
        this.genesisSeed = genesisSeed == null ? new byte[0] : genesisSeed.clone();
        this.chainHash = chainHash == null ? new byte[0] : chainHash.clone();
        if (!SCHEME_UNCHAINED_G1_RFC9380.equals(scheme)) {
            throw new IllegalArgumentException("unsupported drand scheme '" + scheme + "' (only "
                    + SCHEME_UNCHAINED_G1_RFC9380 + ")");
        }
        this.scheme = scheme;
    }

    /** A copy of this chain with a different public key (e.g. a key given on the command line). */
    public ChainInfo withPublicKey(byte[] key) {
        return new ChainInfo(beaconId, key, periodSeconds, genesisTime, genesisSeed,
                Arrays.equals(key, publicKey) ? chainHash : null, scheme);
    }

    public String beaconId() {
        return beaconId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public G2Point publicKeyPoint() {
        return publicKeyPoint;
    }

    public int periodSeconds() {
        return periodSeconds;
    }

    public long genesisTime() {
        return genesisTime;
    }

    public byte[] genesisSeed() {
        return genesisSeed.clone();
    }

    /** The published chain hash, or an empty array if unknown. */
    public byte[] chainHash() {
        return chainHash.clone();
    }

    public String scheme() {
        return scheme;
    }

    /**
     * drand's chain hash rule: SHA-256(u32 BE period ‖ i64 BE genesis ‖ public key ‖ genesis seed ‖ beacon
     * id unless it is "default"). The scheme is not hashed.
     */
    public byte[] computeChainHash() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(ByteBuffer.allocate(4).putInt(periodSeconds).array());
            d.update(ByteBuffer.allocate(8).putLong(genesisTime).array());
            d.update(publicKey);
            d.update(genesisSeed);
            if (!beaconId.isEmpty() && !"default".equals(beaconId)) {
                d.update(beaconId.getBytes(StandardCharsets.UTF_8));
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Round emitted at or before {@code t}: floor((t − genesis)/period) + 1, or 0 before genesis. */
    public long roundAt(Instant t) {
        long s = t.getEpochSecond();
        if (s < genesisTime) {
            return 0;
        }
        return Math.floorDiv(s - genesisTime, periodSeconds) + 1;
    }

    /** Time at which {@code round} is emitted: genesis + (round − 1)·period. */
    public Instant roundTime(long round) {
        if (round < 1) {
            throw new IllegalArgumentException("drand rounds start at 1, got " + round);
        }
        return Instant.ofEpochSecond(genesisTime + (round - 1) * periodSeconds);
    }

    /**
     * MANTIS's miner formula ({@code generate_and_encrypt.py _target_round}): floor((now + lock −
     * genesis)/period) <em>without</em> the +1, so the round is released about one period before
     * now + lock. Kept separately so sealed payloads target the same round the reference would.
     */
    public long mantisTargetRound(Instant now, double lockSeconds) {
        double future = now.getEpochSecond() + now.getNano() / 1e9 + lockSeconds;
        return (long) Math.floor((future - genesisTime) / periodSeconds);
    }

    @Override
    public String toString() {
        return "ChainInfo[" + beaconId + ", period " + periodSeconds + "s, genesis " + genesisTime + ", hash "
                + Hex.encode(chainHash) + "]";
    }
}
