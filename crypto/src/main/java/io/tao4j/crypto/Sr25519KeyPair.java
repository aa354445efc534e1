package io.tao4j.crypto;

import io.tao4j.crypto.sr25519.Schnorrkel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An sr25519 (schnorrkel) key pair as Substrate and Bittensor use it: Ed25519-mode expansion of a 32-byte
 * mini secret, signatures under the "substrate" signing context, and hard/soft derivation.
 *
 * <p>Two 64-byte secret encodings exist: the <em>canonical</em> form (scalar ‖ nonce; schnorrkel
 * {@code SecretKey::to_bytes}, the {@code privateKey} of a bittensor keyfile) and the <em>Ed25519</em>
 * form (scalar·8 ‖ nonce; what polkadot-js and @scure/sr25519 call the secret key).
 *
 * <p>{@link #toString()} shows the SS58 address only. Instances are immutable and thread-safe.
 */
public final class Sr25519KeyPair implements Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Schnorrkel.Secret secret;
    private final byte[] publicKey;
    private final byte[] miniSecret;

    private Sr25519KeyPair(Schnorrkel.Secret secret, byte[] miniSecret) {
        this.secret = secret;
        this.publicKey = secret.publicKey();
        this.miniSecret = miniSecret == null ? null : miniSecret.clone();
    }

    /** A new key pair from a random 32-byte mini secret. */
    public static Sr25519KeyPair generate() {
        byte[] mini = new byte[32];
        RANDOM.nextBytes(mini);
        try {
            return fromMiniSecret(mini);
        } finally {
            Arrays.fill(mini, (byte) 0);
        }
    }

    /** From a 32-byte mini secret (seed), expanded in schnorrkel's Ed25519 mode as Substrate does. */
    public static Sr25519KeyPair fromMiniSecret(byte[] miniSecret) {
        Objects.requireNonNull(miniSecret, "miniSecret");
        if (miniSecret.length != 32) {
            throw new IllegalArgumentException("sr25519 mini secret must be 32 bytes, got " + miniSecret.length);
        }
        return new Sr25519KeyPair(Schnorrkel.expandEd25519(miniSecret), miniSecret);
    }

    /** From the canonical 64-byte secret (scalar LE ‖ nonce), e.g. a bittensor keyfile's {@code privateKey}. */
    public static Sr25519KeyPair fromCanonicalSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        return new Sr25519KeyPair(Schnorrkel.fromCanonicalBytes(secret), null);
    }

    /** From the Ed25519-form 64-byte secret (scalar·8 LE ‖ nonce) that polkadot-js and @scure/sr25519 use. */
    public static Sr25519KeyPair fromEd25519Secret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        return new Sr25519KeyPair(Schnorrkel.fromEd25519Bytes(secret), null);
    }

    /** From a BIP-39 mnemonic and optional password (substrate-bip39, see {@link Bip39#miniSecret}). */
    public static Sr25519KeyPair fromMnemonic(String mnemonic, String passwordOrEmpty) {
        byte[] mini = Bip39.miniSecret(mnemonic, passwordOrEmpty);
        try {
            return fromMiniSecret(mini);
        } finally {
            Arrays.fill(mini, (byte) 0);
        }
    }

    /** From a Substrate secret URI such as {@code //Alice} or {@code "<mnemonic>//hot/0///pw"}. */
    public static Sr25519KeyPair fromUri(String suri) {
        return SecretUri.parse(suri).keyPair();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** SS58 address with prefix 42 (Bittensor). */
    public String ss58() {
        return Ss58.encode(publicKey);
    }

    public String ss58(int prefix) {
        return Ss58.encode(publicKey, prefix);
    }

    /** The canonical 64-byte secret: scalar LE ‖ nonce (schnorrkel {@code to_bytes}, bittensor keyfiles). */
    public byte[] canonicalSecret() {
        return secret.toCanonicalBytes();
    }

    /** The Ed25519-form 64-byte secret: scalar·8 LE ‖ nonce (polkadot-js {@code secretKey}). */
    public byte[] ed25519Secret() {
        return secret.toEd25519Bytes();
    }

    /** The 32-byte mini secret, if known (keys from a seed or mnemonic and after hard derivation only). */
    public Optional<byte[]> miniSecret() {
        return miniSecret == null ? Optional.empty() : Optional.of(miniSecret.clone());
    }

    /** Hard derivation ({@code //junction}); the child has a mini secret. */
    public Sr25519KeyPair deriveHard(String junction) {
        return derive(DeriveJunction.hard(junction));
    }

    /** Soft derivation ({@code /junction}); its public key can also be derived from the public key alone. */
    public Sr25519KeyPair deriveSoft(String junction) {
        return derive(DeriveJunction.soft(junction));
    }

    /** Applies a path such as {@code //Alice/soft//0}; the empty path returns this key pair. */
    public Sr25519KeyPair derive(String path) {
        return derive(DeriveJunction.parsePath(path));
    }

    public Sr25519KeyPair derive(List<DeriveJunction> path) {
        Sr25519KeyPair k = this;
        for (DeriveJunction j : path) {
            k = k.derive(j);
        }
        return k;
    }

    public Sr25519KeyPair derive(DeriveJunction junction) {
        byte[] cc = junction.chainCode();
        if (junction.isHard()) {
            byte[] mini = Schnorrkel.hardDeriveMiniSecret(secret, cc);
            try {
                return fromMiniSecret(mini);
            } finally {
                Arrays.fill(mini, (byte) 0);
            }
        }
        byte[] rnd = new byte[32];
        RANDOM.nextBytes(rnd);
        return new Sr25519KeyPair(Schnorrkel.softDeriveSecret(secret, publicKey, cc, rnd), null);
    }

    /** Soft derivation with fixed nonce randomness, to reproduce @scure/sr25519 vectors (tests only). */
    Sr25519KeyPair deriveSoft(String junction, byte[] rng32) {
        if (rng32.length != 32) {
            throw new IllegalArgumentException("derivation randomness must be 32 bytes");
        }
        byte[] cc = DeriveJunction.soft(junction).chainCode();
        return new Sr25519KeyPair(Schnorrkel.softDeriveSecret(secret, publicKey, cc, rng32), null);
    }

    /** Signs {@code message} under the "substrate" context with fresh randomness; 64 bytes. */
    @Override
    public byte[] sign(byte[] message) {
        byte[] rnd = new byte[32];
        RANDOM.nextBytes(rnd);
        return sign(message, rnd);
    }

    /**
     * Signs with the given 32 bytes as the witness randomness (schnorrkel still mixes in the secret nonce
     * and the transcript). For reproducible test vectors only; real signatures must use {@link #sign(byte[])}.
     */
    public byte[] sign(byte[] message, byte[] rng32) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rng32, "rng32");
        if (rng32.length != 32) {
            throw new IllegalArgumentException("signing randomness must be 32 bytes, got " + rng32.length);
        }
        return Schnorrkel.sign(secret, publicKey, Schnorrkel.SUBSTRATE_CONTEXT, message, rng32);
    }

    /** Verifies a signature by this key pair's public key (see {@link Sr25519#verify}). */
    public boolean verify(byte[] message, byte[] signature) {
        return Sr25519.verify(publicKey, message, signature);
    }

    @Override
    public String toString() {
        return "Sr25519KeyPair[" + ss58() + "]";
    }
}
