package io.tao4j.mantis.payload;

import io.tao4j.crypto.Hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** Constants and the binding hash of MANTIS v2 payloads (MANTIS @2e9bc5b config.py / generate_and_encrypt.py). */
public final class MantisV2 {
    /** {@code config.OWNER_HPKE_PUBLIC_KEY_HEX}: the subnet owner's X25519 public key. */
    public static final String OWNER_PUBLIC_KEY_HEX = "fbfe185ded7a4e6865effceb23cbac32894170587674e751ac237a06f72b3067";
    /** {@code config.ALG_LABEL_V2} (informational, not checked by validators). */
    public static final String ALG_LABEL = "x25519-hkdf-sha256+chacha20poly1305+drand-tlock";
    /** HKDF info of the owner wrap key. */
    public static final byte[] OWNER_WRAP_INFO = "mantis-owner-wrap".getBytes(StandardCharsets.US_ASCII);
    /** Challenge tickers in config order (a JSON list plaintext maps onto them positionally). */
    public static final List<String> CHALLENGE_TICKERS =
            List.of("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");

    private MantisV2() {
    }

    public static byte[] ownerPublicKey() {
        return Hex.decode(OWNER_PUBLIC_KEY_HEX);
    }

    /** SHA-256(utf8(hk) ‖ ":" ‖ decimal round ‖ ":" ‖ owner_pk ‖ ":" ‖ pke). */
    public static byte[] binding(String hotkey, long round, byte[] ownerPk, byte[] pke) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(hotkey.getBytes(StandardCharsets.UTF_8));
            d.update((byte) ':');
            d.update(Long.toString(round).getBytes(StandardCharsets.US_ASCII));
            d.update((byte) ':');
            d.update(ownerPk);
            d.update((byte) ':');
            d.update(pke);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
