package io.tao4j.mantis.payload;

/** Outcome of opening a MANTIS v2 payload: the plaintext, or a named rejection. */
public sealed interface OpenResult {

    /** The payload opened; {@code plaintext} is the UTF-8 JSON the miner sealed. */
    record Opened(byte[] plaintext) implements OpenResult {
        public Opened {
            plaintext = plaintext.clone();
        }

        @Override
        public byte[] plaintext() {
            return plaintext.clone();
        }

        public String plaintextUtf8() {
            return new String(plaintext, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opened other && java.util.Arrays.equals(plaintext, other.plaintext);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(plaintext);
        }

        @Override
        public String toString() {
            return "Opened[" + plaintext.length + " bytes]";
        }
    }

    /** The payload was refused; {@code detail} says more (never contains key material). */
    record Rejected(RejectReason reason, String detail) implements OpenResult {
    }

    default boolean isOpened() {
        return this instanceof Opened;
    }
}
