package io.tao4j.mantis.protocol;

/** How a challenge is scored: MANTIS's {@code loss_func} in {@code config.CHALLENGES}. */
public enum Loss {
    /** Two numbers in [−1, 1]; up/down of the horizon return. */
    BINARY("binary"),
    /** Three numbers in [−1, 1]: P(up first), P(down first), P(neither). */
    HITFIRST("hitfirst"),
    /** 17 numbers: 5 bucket probabilities and 12 opposite-move probabilities. */
    LBFGS("lbfgs"),
    /** Per asset {@code [p_cont, p_rev]} in [0, 1], scored at breakout triggers (bcff57b). */
    RANGE_BREAKOUT_MULTI("range_breakout_multi"),
    /** Per asset one score in [−1, 1]: beats the cross-sectional median return (bcff57b). */
    XSEC_RANK("xsec_rank"),
    /** Per funding asset one score in [−1, 1]: beats the median funding-rate change (bcff57b). */
    FUNDING_XSEC("funding_xsec"),
    /** Per asset a signed target position in [−1, 1] held for the next hour (bcff57b). */
    TRADE_MIX("trade_mix");

    private final String wireName;

    Loss(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code loss_func} string of config.py. */
    public String wireName() {
        return wireName;
    }

    /** True for the challenges whose vector holds one block of values per asset. */
    public boolean multiAsset() {
        return this == RANGE_BREAKOUT_MULTI || this == XSEC_RANK || this == FUNDING_XSEC || this == TRADE_MIX;
    }

    public static Loss fromWireName(String s) {
        for (Loss k : values()) {
            if (k.wireName.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown loss_func '" + s + "'");
    }
}
