package io.tao4j.cli.drand;

import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.mantis.payload.MantisV2;
import picocli.CommandLine.Option;

/** Options several drand / tlock / payload commands take, each meaning the same wherever it appears. */
final class PayloadOptions {
    private PayloadOptions() {
    }

    /** {@code --round}: the drand round signed, or locked to. */
    static final class Round {
        @Option(names = "--round", required = true, description = "The drand round (signed, or locked to).")
        long number;

        /** The round; below 1 is a usage error (exit 2). */
        long get() {
            return Args.round(number);
        }
    }

    /** {@code --signature}: a drand round's signature (48-byte compressed G1 point, hex). */
    static final class Signature {
        @Option(names = "--signature", required = true, description = "The round's drand signature (48-byte G1 point, hex).")
        String hex;

        /** The signature's bytes; malformed hex is a usage error (exit 2). */
        byte[] bytes() {
            return Args.hex("--signature", hex);
        }
    }

    /** {@code --owner-pk}: the MANTIS owner's X25519 public key payloads are bound and wrapped to. */
    static final class OwnerKey {
        @Option(names = "--owner-pk", description = "Owner X25519 public key hex; default MANTIS config's.")
        String hex;

        /** The key given, else MANTIS config's; anything but 32 bytes of hex is a usage error (exit 2). */
        byte[] bytes() {
            return hex == null ? MantisV2.ownerPublicKey() : Args.hex("--owner-pk", hex, 32);
        }
    }

    /** {@code --legacy-layout}: the timelock ciphertext layout. */
    static final class Layout {
        @Option(names = "--legacy-layout",
                description = "Time-lock with the legacy layout (V, W as length-prefixed vectors: npm 1.0.0 / PyPI 0.0.x).")
        boolean legacy;

        TlockLayout layout() {
            return legacy ? TlockLayout.LEGACY : TlockLayout.CURRENT;
        }
    }
}
