package io.tao4j.mantis.payload;

/** Why a validator refuses a MANTIS v2 payload, in the order the reference checks. */
public enum RejectReason {
    /** The raw payload is not valid UTF-8 (or starts with a byte order mark). */
    NOT_UTF8,
    /** The raw payload has text after its JSON value. */
    TRAILING_DATA,
    /** The raw payload is not a JSON object (not JSON, over a JSON limit, or another JSON value). */
    NOT_JSON_OBJECT,
    /** {@code v} is not 2 (the reference counts it as unsupported). */
    UNSUPPORTED_VERSION,
    /** {@code round} does not parse as an integer, or is not positive (the reference fetches no signature). */
    BAD_ROUND,
    /** No drand signature for the round was available. */
    NO_SIGNATURE,
    /** {@code owner_pk} is a string that differs from the configured owner key. */
    OWNER_KEY_MISMATCH,
    /** A required field is missing or has the wrong type or is not hex. */
    MALFORMED_FIELD,
    /** The binding recomputed from hk, round, owner key and pke differs from {@code binding}. */
    BINDING_MISMATCH,
    /** The timelock ciphertext {@code W_time.ct} did not decrypt with the round signature. */
    TIMELOCK_FAILED,
    /** The time-locked plaintext is not 64 bytes (after hex decoding). */
    BAD_TIME_PLAINTEXT,
    /** The X25519 public key of the recovered ske is not {@code W_owner.pke}. */
    EPHEMERAL_KEY_MISMATCH,
    /** {@code W_owner} did not authenticate under the recomputed wrap key and binding. */
    OWNER_WRAP_FAILED,
    /** {@code W_owner} opened but does not contain the time-locked content key. */
    OWNER_WRAP_KEY_MISMATCH,
    /** {@code C} did not authenticate under the content key and binding. */
    CONTENT_FAILED,
    /** The plaintext is not valid UTF-8. */
    PLAINTEXT_NOT_UTF8,
    /** The plaintext has text (or a zero byte) after its JSON value. */
    PLAINTEXT_TRAILING_DATA,
    /** The plaintext is not a JSON object. */
    PLAINTEXT_NOT_JSON_OBJECT,
    /** The plaintext's {@code hotkey} is not the hotkey the payload was collected under. */
    HOTKEY_MISMATCH
}
