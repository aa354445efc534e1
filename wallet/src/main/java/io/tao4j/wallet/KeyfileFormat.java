package io.tao4j.wallet;

import java.nio.charset.StandardCharsets;

/** What a keyfile's bytes are, detected by prefix exactly as btwallet and old bittensor do. */
public enum KeyfileFormat {
    /** btwallet / bittensor JSON (plaintext). */
    PLAINTEXT_JSON("plaintext JSON", false),
    /** Legacy {@code 0x<64 hex>} public key (old coldkeypub.txt). */
    LEGACY_PUBLIC_HEX("legacy hex public key", false),
    /** {@code $NACL}: Argon2i + XSalsa20-Poly1305 secretbox (current). */
    NACL("NaCl ($NACL)", true),
    /** {@code $ANSIBLE_VAULT}: Ansible Vault 1.1 AES256 (older bittensor; btwallet's legacy writer). */
    ANSIBLE_VAULT("Ansible Vault", true),
    /** {@code gAAAAA…}: Fernet with the 10,000,000-round PBKDF2 key (oldest bittensor). */
    FERNET("legacy Fernet", true),
    /** Anything else. */
    UNKNOWN("unknown", false);

    private final String displayName;
    private final boolean encrypted;

    KeyfileFormat(String displayName, boolean encrypted) {
        this.displayName = displayName;
        this.encrypted = encrypted;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isEncrypted() {
        return encrypted;
    }

    public static KeyfileFormat detect(byte[] data) {
        if (startsWith(data, "$NACL")) {
            return NACL;
        }
        if (startsWith(data, "$ANSIBLE_VAULT")) {
            return ANSIBLE_VAULT;
        }
        if (startsWith(data, "gAAAAA")) {
            return FERNET;
        }
        String text = new String(data, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            return PLAINTEXT_JSON;
        }
        if (text.matches("0x[0-9a-fA-F]{64}")) {
            return LEGACY_PUBLIC_HEX;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (data.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (data[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
