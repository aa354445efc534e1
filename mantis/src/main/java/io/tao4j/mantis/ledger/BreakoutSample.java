package io.tao4j.mantis.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One resolved range breakout of one asset ({@code range_breakout.CompletedBreakoutSample}).
 *
 * @param direction  +1 broke above the range, −1 below
 * @param label      1 continued to the barrier, 0 reversed
 * @param embeddings hotkey → float16 bits of the asset's {@code [p_cont, p_rev]} at the trigger row, in the
 *                   reference's dict order
 */
public record BreakoutSample(long triggerSidx, long triggerBlock, long resolutionBlock, int direction, int label,
                             Map<String, short[]> embeddings) {
    public BreakoutSample {
        embeddings = Collections.unmodifiableMap(new LinkedHashMap<>(embeddings));
    }
}
