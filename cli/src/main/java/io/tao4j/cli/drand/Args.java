package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.bls.BlsException;
import io.tao4j.crypto.bls.G2Point;
import io.tao4j.drand.ChainInfo;

/** Parsing helpers for the drand / tlock / payload commands: malformed input is a usage error (exit 2). */
final class Args {
    private Args() {
    }

    static byte[] hex(String option, String value) {
        try {
            return Hex.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " is not valid hex: " + e.getMessage(), 2);
        }
    }

    /** Like {@link #hex(String, String, int)} but the error never quotes any character of the secret. */
    static byte[] secretHex(String option, String value, int length) {
        byte[] b;
        try {
            b = Hex.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " is not valid hex", 2);
        }
        return ofLength(option, b, length);
    }

    static byte[] hex(String option, String value, int length) {
        return ofLength(option, hex(option, value), length);
    }

    private static byte[] ofLength(String option, byte[] b, int length) {
        if (b.length != length) {
            throw new CliException(option + " must be " + length + " bytes (" + 2 * length + " hex digits), got "
                    + b.length + " bytes", 2);
        }
        return b;
    }

    /** The chain to use: quicknet, or quicknet's parameters with another public key. */
    static ChainInfo chain(String publicKeyHex) {
        if (publicKeyHex == null) {
            return ChainInfo.QUICKNET;
        }
        byte[] pk = hex("--public-key", publicKeyHex, G2Point.COMPRESSED_SIZE);
        try {
            return ChainInfo.QUICKNET.withPublicKey(pk);
        } catch (BlsException e) {
            throw new CliException("--public-key is not a valid G2 point: " + e.getMessage(), 2);
        }
    }

    static long round(long round) {
        if (round < 1) {
            throw new CliException("--round must be a positive drand round, got " + round, 2);
        }
        return round;
    }
}
