package io.tao4j.lfc;

import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Detects epoch boundaries the way the reference's sweeper does: it knows the next epoch start block and fires when
 * the current block reaches it, then asks for the next one from the current block; when the next start is unknown it
 * falls back to {@code block / tempo} and fires when that index grows. All chain access is through the suppliers
 * given, so the watcher itself is pure and testable with plain numbers.
 */
public final class EpochWatcher {
    private final LongSupplier currentBlock;
    private final LongFunction<Long> nextEpochStart;
    private final Supplier<Integer> tempo;
    private Long nextStart;
    private Integer knownTempo;
    private Long lastEpochIndex;

    /**
     * @param currentBlock   the best block number
     * @param nextEpochStart the block the next epoch starts at, computed from the given block (null = unknown)
     * @param tempo          the subnet tempo (null = unknown)
     */
    public EpochWatcher(LongSupplier currentBlock, LongFunction<Long> nextEpochStart, Supplier<Integer> tempo) {
        this.currentBlock = currentBlock;
        this.nextEpochStart = nextEpochStart;
        this.tempo = tempo;
    }

    /** Reads the first boundary. Returns it (null when unknown: the tempo fallback is used). */
    public Long start() {
        nextStart = nextEpochStart.apply(currentBlock.getAsLong());
        return nextStart;
    }

    /** The block the watcher waits for (null when in tempo fallback). */
    public Long nextStart() {
        return nextStart;
    }

    /** One poll: reads the current block and says whether an epoch boundary was crossed since the last poll. */
    public boolean poll() {
        long block = currentBlock.getAsLong();
        boolean triggered = false;
        if (nextStart != null && block >= nextStart) {
            triggered = true;
        } else if (nextStart == null) {
            if (knownTempo == null || knownTempo == 0) {
                knownTempo = tempo.get();
            }
            if (knownTempo != null && knownTempo > 0) {
                long index = block / knownTempo;
                if (lastEpochIndex == null) {
                    lastEpochIndex = index;
                } else if (index > lastEpochIndex) {
                    triggered = true;
                    lastEpochIndex = index;
                }
            }
        }
        if (triggered) {
            try {
                nextStart = nextEpochStart.apply(block);
            } catch (RuntimeException e) {
                nextStart = null;
            }
        }
        return triggered;
    }
}
