package io.tao4j.mantis.validator;

import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.PayloadOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * drand round signatures read from the chain's Drand pallet ({@code Drand.Pulses(round)}), for opening timelocked
 * MANTIS payloads when drand relays are unreachable. The chain verified each pulse when it was written, but against
 * its own beacon configuration; this source verifies every signature again against the drand chain the validator
 * trusts ({@link ChainInfo}) and answers nothing (null) when the pulse is absent, unreadable or does not verify.
 *
 * <p>{@link #firstVerified} composes sources (relays first, then the chain): the first answer that verifies wins.
 */
public final class ChainPulseSignatures implements PayloadOpener.SignatureSource {
    private static final Logger log = LoggerFactory.getLogger(ChainPulseSignatures.class);

    /** Reads the pulse the chain stored for a round (empty when it has none). */
    @FunctionalInterface
    public interface PulseReader {
        Optional<DrandPulse> pulse(long round);
    }

    private final PulseReader reader;
    private final ChainInfo chain;

    public ChainPulseSignatures(PulseReader reader, ChainInfo chain) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /** Pulses read from the best block through {@code subtensor}, verified against {@code chain}. */
    public static ChainPulseSignatures from(Subtensor subtensor, ChainInfo chain) {
        Objects.requireNonNull(subtensor, "subtensor");
        return new ChainPulseSignatures(subtensor::drandPulse, chain);
    }

    /** The verified 48-byte signature of {@code round}, or null when the chain has none that verifies. */
    @Override
    public byte[] signature(long round) {
        Optional<DrandPulse> pulse;
        try {
            pulse = reader.pulse(round);
        } catch (RuntimeException e) {
            log.warn("drand round {}: cannot read Drand.Pulses from the chain: {}", round, e.getMessage());
            return null;
        }
        if (pulse == null || pulse.isEmpty()) {
            log.debug("drand round {}: the chain holds no pulse for it", round);
            return null;
        }
        DrandPulse p = pulse.get();
        if (p.round() != round) {
            log.warn("drand round {}: the chain's pulse names round {}; ignored", round, p.round());
            return null;
        }
        byte[] sig = p.signature();
        if (!verifies(chain, round, sig)) {
            log.warn("drand round {}: the chain's pulse signature does not verify against the {} public key; ignored",
                    round, chain.beaconId());
            return null;
        }
        return sig;
    }

    /**
     * A source asking {@code sources} in order and returning the first signature that verifies against
     * {@code chain}; a source that throws or answers something invalid is skipped (logged).
     */
    public static PayloadOpener.SignatureSource firstVerified(ChainInfo chain, List<PayloadOpener.SignatureSource> sources) {
        Objects.requireNonNull(chain, "chain");
        List<PayloadOpener.SignatureSource> list = List.copyOf(sources);
        return round -> {
            for (int i = 0; i < list.size(); i++) {
                byte[] sig;
                try {
                    sig = list.get(i).signature(round);
                } catch (RuntimeException e) {
                    log.debug("drand round {}: signature source {} failed: {}", round, i, e.toString());
                    continue;
                }
                if (sig == null) {
                    continue;
                }
                if (verifies(chain, round, sig)) {
                    return sig;
                }
                log.warn("drand round {}: signature source {} gave a signature that does not verify; trying the next",
                        round, i);
            }
            return null;
        };
    }

    static boolean verifies(ChainInfo chain, long round, byte[] sig) {
        if (sig == null || sig.length != 48 || round < 1) {
            return false;
        }
        try {
            return DrandBls.verify(chain.publicKeyPoint(), round, sig);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
