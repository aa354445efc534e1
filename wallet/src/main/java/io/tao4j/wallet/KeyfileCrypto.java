package io.tao4j.wallet;

import io.tao4j.crypto.nacl.Argon2i;
import io.tao4j.crypto.nacl.SecretBox;
import io.tao4j.wallet.kdf.NaclKdf;
import io.tao4j.wallet.legacy.AnsibleVault;
import io.tao4j.wallet.legacy.LegacyFernet;
import io.tao4j.wallet.password.Password;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keyfile encryption as btwallet does it. New files are always {@code $NACL}:
 * {@code "$NACL" ‖ nonce(24) ‖ secretbox(tag ‖ ciphertext)} with the key from Argon2i (libsodium
 * SENSITIVE limits: 8 passes, 512 MiB) over the password and btwallet's fixed salt. Ansible Vault
 * and legacy Fernet files are decrypted too.
 */
public final class KeyfileCrypto {
    /** btwallet's {@code NACL_SALT} (Python {@code b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1"}). */
    private static final byte[] NACL_SALT = {
            0x13, 0x71, (byte) 0x83, (byte) 0xdf, (byte) 0xf1, 0x5a, 0x09, (byte) 0xbc,
            (byte) 0x9c, (byte) 0x90, (byte) 0xb5, 0x51, (byte) 0x87, 0x39, (byte) 0xe9, (byte) 0xb1};
    private static final byte[] NACL_PREFIX = "$NACL".getBytes(StandardCharsets.US_ASCII);

    private KeyfileCrypto() {
    }

    public static byte[] naclSalt() {
        return NACL_SALT.clone();
    }

    /**
     * The 32-byte secretbox key btwallet derives from {@code password}: 512 MiB and about a second with the
     * bundled libsodium, several seconds and 512 MiB of Java heap with the pure-Java fallback ({@link NaclKdf}).
     */
    public static byte[] deriveNaclKey(Password password) {
        byte[] pw = password.utf8();
        try {
            return NaclKdf.get().derive(pw, NACL_SALT, Argon2i.OPSLIMIT_SENSITIVE, Argon2i.MEMLIMIT_SENSITIVE, 32);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** Encrypts keyfile bytes into btwallet's {@code $NACL} format with a random nonce. */
    public static byte[] encryptNacl(byte[] plaintext, Password password) {
        byte[] key = deriveNaclKey(password);
        try {
            return sealNacl(plaintext, key, SecretBox.randomNonce());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code $NACL} file bytes from an already derived key and a given nonce. */
    public static byte[] sealNacl(byte[] plaintext, byte[] key, byte[] nonce) {
        byte[] boxed = SecretBox.seal(key, nonce, plaintext);
        byte[] out = new byte[NACL_PREFIX.length + nonce.length + boxed.length];
        System.arraycopy(NACL_PREFIX, 0, out, 0, NACL_PREFIX.length);
        System.arraycopy(nonce, 0, out, NACL_PREFIX.length, nonce.length);
        System.arraycopy(boxed, 0, out, NACL_PREFIX.length + nonce.length, boxed.length);
        return out;
    }

    /** Opens {@code $NACL} file bytes with an already derived key. */
    public static byte[] openNacl(byte[] data, byte[] key) throws AEADBadTagException {
        checkNaclLength(data);
        int head = NACL_PREFIX.length + SecretBox.NONCE_BYTES;
        return SecretBox.open(key, Arrays.copyOfRange(data, NACL_PREFIX.length, head),
                Arrays.copyOfRange(data, head, data.length));
    }

    private static void checkNaclLength(byte[] data) {
        if (KeyfileFormat.detect(data) != KeyfileFormat.NACL
                || data.length < NACL_PREFIX.length + SecretBox.NONCE_BYTES + SecretBox.MAC_BYTES) {
            throw new WalletException("keyfile is not a complete $NACL file (" + data.length + " bytes)");
        }
    }

    /** A decryption that takes the password's characters. */
    private interface CharsDecryption {
        byte[] decrypt(char[] password) throws AEADBadTagException;
    }

    /** {@code d} with a copy of the password's characters, wiped afterwards. */
    private static byte[] withChars(Password password, CharsDecryption d) throws AEADBadTagException {
        char[] pw = password.chars();
        try {
            return d.decrypt(pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Decrypts keyfile bytes in any supported format.
     *
     * @param where names the file in messages
     * @throws WrongPasswordException when the password does not fit
     * @throws WalletException when the data is not an encrypted keyfile or is damaged
     */
    public static byte[] decrypt(byte[] data, Password password, String where) {
        KeyfileFormat format = KeyfileFormat.detect(data);
        try {
            switch (format) {
                case NACL: {
                    checkNaclLength(data);
                    byte[] key = deriveNaclKey(password);
                    try {
                        return openNacl(data, key);
                    } finally {
                        Arrays.fill(key, (byte) 0);
                    }
                }
                case ANSIBLE_VAULT:
                    return withChars(password, pw -> AnsibleVault.decrypt(new String(data, StandardCharsets.UTF_8), pw));
                case FERNET:
                    return withChars(password, pw -> LegacyFernet.decrypt(new String(data, StandardCharsets.US_ASCII), pw));
                default:
                    throw new WalletException(where + " is not encrypted (format: " + format.displayName() + ")");
            }
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException("wrong password for " + where + " (" + format.displayName()
                    + " keyfile; password from " + password.origin() + ")");
        } catch (IllegalArgumentException e) {
            throw new WalletException(where + " looks like a " + format.displayName()
                    + " keyfile but is damaged: " + e.getMessage());
        }
    }
}
