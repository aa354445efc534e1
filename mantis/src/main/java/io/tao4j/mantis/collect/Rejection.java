package io.tao4j.mantis.collect;

/**
 * Why a miner's payload was not collected in a step. The validator counts payloads by these reasons
 * (metrics, status page); the first six are the commit-URL rules of MANTIS {@code cycle.py}, the rest
 * the download and schema checks of {@code comms.py}.
 */
public enum Rejection {
    /** The hotkey has no commitment on the subnet. */
    NO_COMMITMENT,
    /** The commitment is not an http(s) URL with a host. */
    BAD_URL,
    /** Host is neither {@code *.r2.dev} / {@code *.r2.cloudflarestorage.com} nor explicitly allowed. */
    HOST_NOT_ALLOWED,
    /** The URL path ends with '/'. */
    DIRECTORY_URL,
    /** The path is not exactly one segment. */
    PATH_NOT_ONLY_HOTKEY,
    /** The single path segment is not the hotkey (case-insensitive). */
    NAME_NOT_HOTKEY,
    /** The server answered with a non-2xx status. */
    HTTP_STATUS,
    /** The object is larger than the limit (declared, or found while reading). */
    TOO_LARGE,
    /** No complete answer within the per-download timeout or the step's budget (the download is aborted). */
    TIMEOUT,
    /** The connection could not be made or broke. */
    CONNECTION_FAILED,
    /** The body is not valid UTF-8 (or starts with a byte order mark). */
    NOT_UTF8,
    /** The body is not JSON, or over a JSON limit ({@code PayloadJson}). */
    NOT_JSON,
    /** The body has text after its JSON value (Python's {@code json.loads} refuses it: "Extra data"). */
    TRAILING_DATA,
    /** JSON, but not a v2 payload object with every required field. */
    NOT_V2
}
