package io.tao4j.localnet.runtime;

import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Ss58;

import java.util.Arrays;

/** A 32-byte account id (sr25519 public key), usable as a map key. */
public final class AccountId implements Comparable<AccountId> {
    private final byte[] bytes;

    public AccountId(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("an account id is 32 bytes");
        }
        this.bytes = bytes.clone();
    }

    public static AccountId ofSs58(String ss58) {
        return new AccountId(Ss58.decode(ss58));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String ss58() {
        return Ss58.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountId a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(AccountId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return "0x" + Hex.encode(bytes).substring(0, 8) + "…";
    }
}
