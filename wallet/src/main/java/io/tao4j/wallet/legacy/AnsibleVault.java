package io.tao4j.wallet.legacy;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Decrypts Ansible Vault 1.1 (AES256) text, the format older bittensor wrote and btwallet's
 * "legacy" encryptor still writes: PBKDF2-HMAC-SHA256(password, 32-byte salt, 10,000 rounds, 80
 * bytes) gives the AES-256-CTR key, the HMAC-SHA256 key and the initial counter; the HMAC covers
 * the ciphertext; the plaintext is PKCS#7-padded.
 */
public final class AnsibleVault {
    private static final String HEADER = "$ANSIBLE_VAULT;1.1;AES256";
    private static final HexFormat HEX = HexFormat.of();

    private AnsibleVault() {
    }

    /**
     * @throws AEADBadTagException when the HMAC does not match (wrong password)
     * @throws IllegalArgumentException when the text is not Ansible Vault 1.1 AES256
     */
    public static byte[] decrypt(String vaultText, char[] password) throws AEADBadTagException {
        String[] lines = vaultText.strip().split("\\R");
        String header = lines[0].strip();
        if (!header.startsWith("$ANSIBLE_VAULT;")) {
            throw new IllegalArgumentException("not an Ansible Vault text (no $ANSIBLE_VAULT header)");
        }
        if (!header.equals(HEADER)) {
            throw new IllegalArgumentException("unsupported Ansible Vault header '" + header
                    + "' (only " + HEADER + " is supported)");
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            hex.append(lines[i].strip());
        }
        String inner;
        try {
            inner = new String(HEX.parseHex(hex), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ansible Vault body is not hex");
        }
        String[] parts = inner.split("\n");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Ansible Vault body must hold salt, hmac and ciphertext");
        }
        byte[] salt;
        byte[] hmac;
        byte[] ct;
        try {
            salt = HEX.parseHex(parts[0].strip());
            hmac = HEX.parseHex(parts[1].strip());
            ct = HEX.parseHex(parts[2].strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ansible Vault salt/hmac/ciphertext is not hex");
        }
        try {
            byte[] km = Pbkdf2.sha256(password, salt, 10_000, 80);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(km, 32, 32, "HmacSHA256"));
            if (!MessageDigest.isEqual(mac.doFinal(ct), hmac)) {
                throw new AEADBadTagException("Ansible Vault HMAC mismatch");
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(km, 0, 32, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(km, 64, 80)));
            byte[] padded = aes.doFinal(ct);
            Arrays.fill(km, (byte) 0);
            return Pkcs7.unpad(padded);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES-CTR/HMAC-SHA256", e);
        }
    }

    static final class Pkcs7 {
        static byte[] unpad(byte[] padded) {
            if (padded.length == 0 || padded.length % 16 != 0) {
                throw new IllegalArgumentException("bad PKCS#7 padding length");
            }
            int n = padded[padded.length - 1] & 0xff;
            if (n < 1 || n > 16) {
                throw new IllegalArgumentException("bad PKCS#7 padding");
            }
            for (int i = padded.length - n; i < padded.length; i++) {
                if ((padded[i] & 0xff) != n) {
                    throw new IllegalArgumentException("bad PKCS#7 padding");
                }
            }
            return Arrays.copyOf(padded, padded.length - n);
        }
    }

    static final class Pbkdf2 {
        static byte[] sha256(char[] password, byte[] salt, int rounds, int len) throws GeneralSecurityException {
            PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, len * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        }
    }
}
