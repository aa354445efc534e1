package io.tao4j.mantis.salience;

/**
 * How a MANTIS challenge is scored ({@code loss_func} in MANTIS's config.py at 2e9bc5b).
 *
 * @deprecated use {@link io.tao4j.mantis.protocol.Loss}; kept until the ledger, model and miner packages
 * migrate.
 */
@Deprecated
public enum LossKind {
    /** 2-dim embedding, up/down of the horizon return; {@link BinaryScorer}. */
    BINARY("binary"),
    /** 17-dim embedding: 5 bucket probabilities + 12 Q values; {@link LbfgsPScorer} and {@link LbfgsQScorer}. */
    LBFGS("lbfgs"),
    /** 3-dim embedding: P(up first), P(down first), P(neither); {@link HitFirstScorer}. */
    HITFIRST("hitfirst");

    private final String wireName;

    LossKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static LossKind fromWireName(String s) {
        for (LossKind k : values()) if (k.wireName.equals(s)) return k;
        throw new IllegalArgumentException("unknown loss_func: " + s);
    }
}
