package io.tao4j.lfc;

/** How bad a failed weight setting is (the Liquidity Flow Controller's three classes). */
public enum FailureType {
    /** Expected: too early for the rate limit. Wait the full interval, do not alert. */
    BENIGN,
    /** Known bad: an invalid transaction or a recursion-class failure. Alert at once, retry soon. */
    CRITICAL,
    /** Anything else: alert when it repeats, retry soon. */
    UNKNOWN;

    /** The reference's lower-case name ("benign", "critical", "unknown"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
