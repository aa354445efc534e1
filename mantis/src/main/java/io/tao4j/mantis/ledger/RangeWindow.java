package io.tao4j.mantis.ledger;

import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The range of a {@link RangeBreakoutTracker}'s lookback window — min, max and count of the prices with
 * {@code sidx − lookback ≤ s < sidx} — kept with monotone deques instead of a scan of the whole history at every
 * step (the reference scans; the values are the same). It needs entries in sidx order and checks at non-decreasing
 * sidx; otherwise it reports itself unusable and the tracker scans.
 */
final class RangeWindow {
    /** Entries ({@code {sidx, price}}) not yet in the window: those at or after the last checked sidx. */
    private final ArrayDeque<double[]> incoming = new ArrayDeque<>();
    private final ArrayDeque<double[]> inWindow = new ArrayDeque<>();
    private final ArrayDeque<double[]> maxes = new ArrayDeque<>();
    private final ArrayDeque<double[]> mins = new ArrayDeque<>();
    private long lastCheck = Long.MIN_VALUE;
    private long lastOffered = Long.MIN_VALUE;
    private boolean enabled = true;

    /** A new entry of the history (appended after the others). */
    void offer(double[] e) {
        if (enabled) {
            double[] last = incoming.peekLast();
            if (last == null) {
                last = inWindow.peekLast();
            }
            if (last != null && e[0] < last[0] || !Double.isFinite(e[1])) {
                disable();
                return;
            }
            incoming.addLast(e);
            lastOffered = (long) e[0];
        }
    }

    /** True when a check at {@code sidx} can be answered from the deques. */
    boolean usable(long sidx) {
        return enabled && sidx >= lastCheck && sidx >= lastOffered;
    }

    /** Moves the window to end just before {@code sidx}. */
    void advance(long sidx, long lookback) {
        lastCheck = sidx;
        while (!incoming.isEmpty() && (long) incoming.peekFirst()[0] < sidx) {
            double[] e = incoming.pollFirst();
            inWindow.addLast(e);
            while (!maxes.isEmpty() && maxes.peekLast()[1] <= e[1]) {
                maxes.pollLast();
            }
            maxes.addLast(e);
            while (!mins.isEmpty() && mins.peekLast()[1] >= e[1]) {
                mins.pollLast();
            }
            mins.addLast(e);
        }
        long from = sidx - lookback;
        while (!inWindow.isEmpty() && (long) inWindow.peekFirst()[0] < from) {
            inWindow.pollFirst();
        }
        while (!maxes.isEmpty() && (long) maxes.peekFirst()[0] < from) {
            maxes.pollFirst();
        }
        while (!mins.isEmpty() && (long) mins.peekFirst()[0] < from) {
            mins.pollFirst();
        }
    }

    int count() {
        return inWindow.size();
    }

    double min() {
        return mins.peekFirst()[1];
    }

    double max() {
        return maxes.peekFirst()[1];
    }

    /** Stops answering (the tracker scans from now on, or until {@link #reset}). */
    void disable() {
        enabled = false;
        incoming.clear();
        inWindow.clear();
        maxes.clear();
        mins.clear();
    }

    /** Starts over from a restored history. */
    void reset(Collection<double[]> history) {
        disable();
        enabled = true;
        lastCheck = Long.MIN_VALUE;
        lastOffered = Long.MIN_VALUE;
        for (double[] e : history) {
            offer(e);
        }
    }
}
