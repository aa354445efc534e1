package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.payload.OpenResult;
import io.tao4j.mantis.payload.PayloadJson;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.mantis.payload.SubmissionValidator;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens the collected payloads that have matured (MANTIS {@code process_pending_payloads}): a payload
 * collected at least {@code minAge} blocks ago (300) is opened with its round's verified drand
 * signature, every check of the reference applied in its order (including the plaintext's
 * {@code hotkey} equal to the committing hotkey), validated per challenge by the protocol's
 * {@link SubmissionValidator} and its non-zero vectors stored in the ledger. A ledger opened for a protocol
 * ({@code bcff57b}) gets every challenge's vector at its storage dimension, the pass's payloads in one
 * {@link Ledger#storeDecryptedValues(Map)} batch followed by {@link Ledger#backfillBreakouts()}, as upstream's
 * {@code process_pending_payloads}; a 2e9bc5b ledger gets the vectors of {@code storedTickers}.
 *
 * <p>Better than the reference: a payload whose round's signature cannot be had yet stays pending and
 * is retried at the next pass, instead of being zeroed and dropped; one still unopened after
 * {@code maxPendingBlocks} blocks is reported and dropped.
 */
public final class Decryptor {
    private static final Logger log = LoggerFactory.getLogger(Decryptor.class);

    /**
     * What one pass did, in counts and per payload ({@code processed}: every payload the pass opened,
     * rejected or dropped, with the block it was collected at).
     */
    public record Report(int opened, Map<RejectReason, Integer> rejected, int waiting, int droppedUnopened,
                         java.util.List<Processed> processed) {
        public Report {
            processed = java.util.List.copyOf(processed);
        }

        /** Counts only. */
        public Report(int opened, Map<RejectReason, Integer> rejected, int waiting, int droppedUnopened) {
            this(opened, rejected, waiting, droppedUnopened, java.util.List.of());
        }
    }

    /** One payload a pass finished with: opened ({@code reason} null), rejected for {@code reason}, or dropped unopened. */
    public record Processed(long block, String hotkey, RejectReason reason, boolean droppedUnopened) {
        public boolean opened() {
            return reason == null && !droppedUnopened;
        }
    }

    private final PayloadOpener opener;
    private final PayloadOpener.SignatureSource signatures;
    private final long minAge;
    private final long maxPendingBlocks;
    private final SubmissionValidator validator;
    private final Set<String> storedTickers;

    /** A 2e9bc5b decryptor storing every challenge. */
    public Decryptor(PayloadOpener opener, PayloadOpener.SignatureSource signatures, long minAge, long maxPendingBlocks) {
        this(opener, signatures, minAge, maxPendingBlocks, new SubmissionValidator(Protocol.P2E9BC5B),
                Set.copyOf(Protocol.P2E9BC5B.tickers()));
    }

    /**
     * @param validator     the protocol's payload rules
     * @param storedTickers the tickers whose vectors are stored in a 2e9bc5b ledger (a protocol's ledger stores all)
     */
    public Decryptor(PayloadOpener opener, PayloadOpener.SignatureSource signatures, long minAge, long maxPendingBlocks,
                     SubmissionValidator validator, Set<String> storedTickers) {
        if (maxPendingBlocks <= minAge) {
            throw new IllegalArgumentException("maxPendingBlocks must exceed minAge");
        }
        this.opener = opener;
        this.signatures = signatures;
        this.minAge = minAge;
        this.maxPendingBlocks = maxPendingBlocks;
        this.validator = java.util.Objects.requireNonNull(validator);
        this.storedTickers = Set.copyOf(storedTickers);
    }

    /** Processes every mature payload in the ledger at {@code currentBlock}. */
    public Report process(Ledger ledger, long currentBlock) {
        int opened = 0;
        int waiting = 0;
        int dropped = 0;
        Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        java.util.List<Processed> processed = new java.util.ArrayList<>();
        // a ledger opened for a protocol (bcff57b) stores every challenge's vector, one batch per pass
        Map<Ledger.Pending, Map<String, double[]>> head = ledger.protocol().isPresent() ? new LinkedHashMap<>() : null;
        for (Ledger.Pending p : ledger.mature(currentBlock, minAge)) {
            if (Ledger.isNoPayload(p.payload())) {
                ledger.drop(p); // bcff57b's row for a hotkey without a payload: nothing to open, not a rejection
                continue;
            }
            OpenResult r = opener.openRaw(p.payload(), signatures, p.hotkey());
            if (r instanceof OpenResult.Opened o) {
                SubmissionValidator.Result vr = validate(validator, o);
                if (vr.outcome() == SubmissionValidator.Outcome.VOID) {
                    log.debug("payload of {} at block {} voided: {}", p.hotkey(), p.block(), vr.detail());
                }
                if (head != null) {
                    head.put(p, vr.vectors());
                } else {
                    ledger.storeDecrypted(p, floats(vr, storedTickers));
                }
                opened++;
                processed.add(new Processed(p.block(), p.hotkey(), null, false));
            } else if (r instanceof OpenResult.Rejected rj && rj.reason() == RejectReason.NO_SIGNATURE) {
                int attempts = ledger.recordAttempt(p, rj.detail());
                if (currentBlock - p.block() > maxPendingBlocks) {
                    log.warn("dropping the payload of {} collected at block {}: still no drand signature after {} attempts ({})",
                            p.hotkey(), p.block(), attempts, rj.detail());
                    ledger.drop(p);
                    dropped++;
                    processed.add(new Processed(p.block(), p.hotkey(), RejectReason.NO_SIGNATURE, true));
                } else {
                    waiting++;
                }
            } else {
                OpenResult.Rejected rj = (OpenResult.Rejected) r;
                log.debug("payload of {} at block {} rejected: {} ({})", p.hotkey(), p.block(), rj.reason(), rj.detail());
                rejected.merge(rj.reason(), 1, Integer::sum);
                ledger.drop(p);
                processed.add(new Processed(p.block(), p.hotkey(), rj.reason(), false));
            }
        }
        if (head != null && !head.isEmpty()) {
            ledger.storeDecryptedValues(head);
            ledger.backfillBreakouts();
        }
        return new Report(opened, rejected, waiting, dropped, processed);
    }

    /** The protocol's validation of an opened plaintext. */
    static SubmissionValidator.Result validate(SubmissionValidator validator, OpenResult.Opened o) {
        JsonNode sub;
        try {
            sub = PayloadJson.parse(o.plaintext());
        } catch (PayloadJson.Refused e) {
            sub = null; // checkPlaintext already refused non-objects; validate gives zeros otherwise
        }
        return validator.validate(sub);
    }

    /** The 2e9bc5b validation of an opened plaintext, as float vectors by ticker. */
    static Map<String, float[]> vectors(OpenResult.Opened o) {
        return floats(validate(new SubmissionValidator(Protocol.P2E9BC5B), o), Set.copyOf(Protocol.P2E9BC5B.tickers()));
    }

    private static Map<String, float[]> floats(SubmissionValidator.Result r, Set<String> stored) {
        Map<String, float[]> out = new LinkedHashMap<>();
        r.vectors().forEach((ticker, v) -> {
            if (!stored.contains(ticker)) {
                return;
            }
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            out.put(ticker, f);
        });
        return out;
    }
}
