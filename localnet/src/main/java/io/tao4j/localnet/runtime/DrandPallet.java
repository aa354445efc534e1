package io.tao4j.localnet.runtime;

import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G2Point;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Drand pallet: the beacon key pulses are verified against, {@code write_pulse} ({@code Drand.Pulses},
 * {@code LastStoredRound}, {@code OldestStoredRound}) and pruning beyond the kept window.
 */
public final class DrandPallet {
    private final SubtensorRuntime rt;
    private G2Point beaconKey;
    private long maxKeptPulses = SubtensorRuntime.MAX_KEPT_PULSES;

    DrandPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    /** The pulse of {@code round} from its 48-byte signature; randomness = sha256(signature), as drand defines it. */
    public static DrandPulse pulseOf(long round, byte[] signature) {
        return new DrandPulse(round, sha256(signature), signature);
    }

    /** Copies the configuration (beacon key, kept window) of {@code other}; the pulses live in the state. */
    void copyConfig(DrandPallet other) {
        beaconKey = other.beaconKey;
        maxKeptPulses = other.maxKeptPulses;
    }

    void setBeaconPublicKey(byte[] compressedG2) {
        this.beaconKey = G2Point.fromCompressed(compressedG2);
    }

    void setMaxKeptPulses(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one pulse must be kept");
        }
        this.maxKeptPulses = n;
    }

    boolean hasBeacon() {
        return beaconKey != null;
    }

    boolean verifyPulse(DrandPulse p) {
        byte[] sig = p.signature();
        if (beaconKey == null || p.round() < 1 || sig.length != 48) {
            return false;
        }
        try {
            return Arrays.equals(p.randomness(), sha256(sig)) && DrandBls.verify(beaconKey, p.round(), sig);
        } catch (RuntimeException e) {
            return false;
        }
    }

    void writePulses(List<DrandPulse> pulses) {
        RuntimeState st = rt.state();
        boolean first = st.lastStoredRound == 0 && st.oldestStoredRound == 0;
        List<Long> rounds = new ArrayList<>();
        for (DrandPulse p : pulses) {
            if (!verifyPulse(p)) {
                throw new DispatchException("Drand", "PulseVerificationError");
            }
            if (p.round() <= st.lastStoredRound) {
                throw new DispatchException("Drand", "InvalidRoundNumber");
            }
            st.pulses.put(p.round(), p);
            st.lastStoredRound = p.round();
            rounds.add(p.round());
        }
        if (first && !rounds.isEmpty()) {
            st.oldestStoredRound = rounds.get(0);
        }
        long oldest = st.oldestStoredRound;
        while (st.lastStoredRound - oldest + 1 > maxKeptPulses) {
            st.pulses.remove(oldest);
            oldest++;
        }
        st.oldestStoredRound = oldest;
        if (!rounds.isEmpty()) {
            rt.deposit(RuntimeEvent.of("Drand", "NewPulse", rounds));
        }
    }

    Optional<DrandPulse> pulse(long round) {
        return Optional.ofNullable(rt.state().pulses.get(round));
    }

    Map<Long, DrandPulse> pulses() {
        return Collections.unmodifiableMap(rt.state().pulses);
    }

    long lastStoredRound() {
        return rt.state().lastStoredRound;
    }

    long oldestStoredRound() {
        return rt.state().oldestStoredRound;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
