package io.tao4j.crypto.sr25519;

import java.nio.charset.StandardCharsets;

/**
 * A Merlin transcript (STROBE-128 keyed with "Merlin v1.0"): labelled messages in, labelled challenge
 * bytes out, plus the witness RNG construction that mixes secret witness bytes and external randomness
 * into a clone of the transcript.
 */
public final class MerlinTranscript {

    private final Strobe128 strobe;

    /** Starts a transcript with the given domain-separation label. */
    public MerlinTranscript(String label) {
        this(bytes(label));
    }

    public MerlinTranscript(byte[] label) {
        strobe = new Strobe128(bytes("Merlin v1.0"));
        appendMessage(bytes("dom-sep"), label);
    }

    private MerlinTranscript(Strobe128 strobe) {
        this.strobe = strobe;
    }

    /** An independent copy of this transcript. */
    public MerlinTranscript copy() {
        return new MerlinTranscript(strobe.copy());
    }

    public void appendMessage(String label, byte[] message) {
        appendMessage(bytes(label), message);
    }

    public void appendMessage(byte[] label, byte[] message) {
        strobe.metaAd(label, false);
        strobe.metaAd(le32(message.length), true);
        strobe.ad(message, false);
    }

    public byte[] challengeBytes(String label, int length) {
        byte[] out = new byte[length];
        strobe.metaAd(bytes(label), false);
        strobe.metaAd(le32(length), true);
        strobe.prf(out, false);
        return out;
    }

    /**
     * Fills {@code length} bytes from Merlin's transcript RNG: a copy of this transcript is rekeyed with
     * each witness under {@code label}, then keyed with the 32 {@code random} bytes under "rng".
     */
    public byte[] witnessBytes(String label, int length, byte[][] witnesses, byte[] random) {
        if (random.length != 32) {
            throw new IllegalArgumentException("transcript RNG needs 32 random bytes");
        }
        Strobe128 rng = strobe.copy();
        byte[] lbl = bytes(label);
        for (byte[] w : witnesses) {
            rng.metaAd(lbl, false);
            rng.metaAd(le32(w.length), true);
            rng.key(w, false);
        }
        rng.metaAd(bytes("rng"), false);
        rng.key(random, false);
        byte[] out = new byte[length];
        rng.metaAd(le32(length), false);
        rng.prf(out, false);
        rng.wipe();
        return out;
    }

    private static byte[] le32(int n) {
        return new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
