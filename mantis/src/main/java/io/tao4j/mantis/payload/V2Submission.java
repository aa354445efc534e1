package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Protocol;

import java.util.Map;

/**
 * The 2e9bc5b validator's sanitising of an opened v2 plaintext: {@link SubmissionValidator} for
 * {@link Protocol#P2E9BC5B}, vectors only.
 *
 * @deprecated use {@code new SubmissionValidator(protocol).validate(sub)}, which also says what became of the
 * payload and covers bcff57b
 */
@Deprecated
public final class V2Submission {
    private static final SubmissionValidator P2E9BC5B = new SubmissionValidator(Protocol.P2E9BC5B);

    private V2Submission() {
    }

    /** Zero vectors for every 2e9bc5b challenge, in config order. */
    public static Map<String, double[]> zeroVectors() {
        return P2E9BC5B.zeroVectors();
    }

    /** Sanitised vectors of an opened plaintext object (non-objects and voided payloads give zero vectors). */
    public static Map<String, double[]> sanitize(JsonNode sub) {
        return P2E9BC5B.validate(sub).vectors();
    }
}
