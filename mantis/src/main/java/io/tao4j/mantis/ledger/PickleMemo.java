package io.tao4j.mantis.ledger;

import io.tao4j.mantis.ledger.PickleValues.Py;
import io.tao4j.mantis.ledger.PickleValues.PyBytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;

/**
 * The memo of a {@link PickleMachine}: what PUT stored and GET fetches, with entries that can be dropped.
 *
 * <p>Python memoizes nearly every object at increasing indices, so a naive memo would hold the whole
 * pickle. Entries are kept as sorted (index, value slot) arrays; entries of released objects are marked
 * dead and compacted away, equal strings share one slot, and a small direct-mapped cache serves repeated
 * GETs. Only a high-water index remains of a dropped entry: a later GET of it fails with an error that
 * names the memo index (and, through the machine, the offset). Live entries and their bytes are bounded.
 */
final class PickleMemo {
    static final int MAX_MEMO_ENTRIES = 1 << 24;
    static final long MAX_MEMO_BYTES = 256L << 20;

    private static final Object NONE_IN_MEMO = new Object();
    private static final int CACHE_MASK = 8191;

    private final PickleMachine m;
    private long[] mIdx = new long[1024];
    private int[] mRef = new int[1024];
    private int mSize;
    private int mDead;
    private final HashMap<Long, Integer> outOfOrder = new HashMap<>();
    private final ArrayList<Object> values = new ArrayList<>();
    private final HashMap<String, Integer> strRefs = new HashMap<>();
    private int[] strCount = new int[256];
    /** Memo indices of the strings memoized last, by identity (protocol 2 bytes arrive as str). */
    private final IdentityHashMap<String, Long> recentStrings = new IdentityHashMap<>();
    private int[] freeRefs = new int[256];
    private int nFree;
    private final long[] cIdx = new long[CACHE_MASK + 1];
    private final int[] cRef = new int[CACHE_MASK + 1];
    private long memoHigh; // 1 + highest index ever stored
    private long memoBytes;
    private int peakMemo;
    private long peakMemoBytes;

    PickleMemo(PickleMachine m) {
        this.m = m;
        Arrays.fill(cIdx, -1);
    }

    /** 1 + the highest index ever stored: Python's {@code len(memo)}, which MEMOIZE uses. */
    long high() {
        return memoHigh;
    }

    int peakEntries() {
        return peakMemo;
    }

    long peakBytes() {
        return peakMemoBytes;
    }

    /**
     * Drops the memo entry of {@code s} if {@code s} (this very object) was memoized lately: a string that is
     * the data of one bytes object and is not referenced again.
     */
    void dropRecentString(String s) {
        Long idx = recentStrings.remove(s);
        if (idx != null) {
            drop(idx, s);
        }
    }

    void put(long idx, Object o) {
        if (idx < 0) {
            throw m.err("negative memo index " + idx);
        }
        int ref = refFor(o, idx);
        if (idx >= memoHigh) {
            if (mSize == mIdx.length) {
                if (mDead > mSize / 2) {
                    compact();
                } else {
                    mIdx = Arrays.copyOf(mIdx, mSize * 2);
                    mRef = Arrays.copyOf(mRef, mSize * 2);
                }
            }
            mIdx[mSize] = idx;
            mRef[mSize++] = ref;
            memoHigh = idx + 1;
        } else { // an index below the high-water mark: overwrite, or Python's PUT out of order
            int pos = Arrays.binarySearch(mIdx, 0, mSize, idx);
            if (pos >= 0) {
                int old = mRef[pos];
                if (old < 0) {
                    mDead--;
                } else {
                    dropRef(old);
                }
                mRef[pos] = ref;
            } else {
                Integer old = outOfOrder.put(idx, ref);
                if (old != null) {
                    dropRef(old);
                }
            }
        }
        cIdx[(int) (idx & CACHE_MASK)] = idx;
        cRef[(int) (idx & CACHE_MASK)] = ref;
        if (o instanceof Py p) {
            p.memo = idx;
        }
        int live = memoLive();
        if (live > MAX_MEMO_ENTRIES || memoBytes > MAX_MEMO_BYTES) {
            throw m.err("pickle keeps more than " + MAX_MEMO_ENTRIES + " objects / " + MAX_MEMO_BYTES + " bytes referenceable in its memo");
        }
        peakMemo = Math.max(peakMemo, live);
        peakMemoBytes = Math.max(peakMemoBytes, memoBytes);
    }

    private int memoLive() {
        return mSize - mDead + outOfOrder.size();
    }

    /** A slot in the value table: one per distinct string, one per other object. */
    private int refFor(Object o, long idx) {
        if (o instanceof String str) {
            if (recentStrings.size() >= 1024) {
                recentStrings.clear();
            }
            recentStrings.put(str, idx);
            Integer r = strRefs.get(str);
            if (r != null) {
                strCount[r]++;
                return r;
            }
            int nr = newRef(str);
            strRefs.put(str, nr);
            if (nr >= strCount.length) {
                strCount = Arrays.copyOf(strCount, Math.max(nr + 1, strCount.length * 2));
            }
            strCount[nr] = 1;
            memoBytes += sizeOf(str);
            return nr;
        }
        memoBytes += sizeOf(o);
        return newRef(o == null ? NONE_IN_MEMO : o);
    }

    private int newRef(Object o) {
        if (nFree > 0) {
            int r = freeRefs[--nFree];
            values.set(r, o);
            return r;
        }
        values.add(o);
        return values.size() - 1;
    }

    private void dropRef(int ref) {
        Object o = values.get(ref);
        if (o instanceof String str && --strCount[ref] > 0) {
            return; // still held by another memo entry with an equal string
        }
        if (o instanceof String str) {
            strRefs.remove(str);
        }
        memoBytes -= sizeOf(o);
        values.set(ref, null);
        if (nFree == freeRefs.length) {
            freeRefs = Arrays.copyOf(freeRefs, nFree * 2);
        }
        freeRefs[nFree++] = ref;
    }

    private void compact() {
        int j = 0;
        for (int i = 0; i < mSize; i++) {
            if (mRef[i] >= 0) {
                mIdx[j] = mIdx[i];
                mRef[j++] = mRef[i];
            }
        }
        mSize = j;
        mDead = 0;
        if (mSize > mIdx.length / 2) {
            mIdx = Arrays.copyOf(mIdx, mIdx.length * 2);
            mRef = Arrays.copyOf(mRef, mRef.length * 2);
        }
    }

    /** Position of {@code idx} in the memo arrays: released objects are nearly always among the last few stored. */
    private int findRecent(long idx) {
        for (int i = mSize - 1, stop = Math.max(0, mSize - 16); i >= stop; i--) {
            if (mIdx[i] == idx) {
                return i;
            }
            if (mIdx[i] < idx) {
                return -1;
            }
        }
        return Arrays.binarySearch(mIdx, 0, mSize, idx);
    }

    private int memoRefOf(long idx) {
        int c = (int) (idx & CACHE_MASK);
        if (cIdx[c] == idx) {
            return cRef[c];
        }
        int ref = -1;
        if (!outOfOrder.isEmpty()) {
            Integer r = outOfOrder.get(idx);
            if (r != null) {
                ref = r;
            }
        }
        if (ref < 0) {
            int pos = Arrays.binarySearch(mIdx, 0, mSize, idx);
            ref = pos >= 0 ? mRef[pos] : -1;
        }
        if (ref >= 0) {
            cIdx[c] = idx;
            cRef[c] = ref;
        }
        return ref;
    }

    /** Removes the memo entry {@code idx} if it holds {@code o}. */
    void drop(long idx, Object o) {
        int c = (int) (idx & CACHE_MASK);
        if (cIdx[c] == idx) {
            cIdx[c] = -1;
        }
        Integer r = outOfOrder.isEmpty() ? null : outOfOrder.get(idx);
        if (r != null) {
            if (same(values.get(r), o)) {
                outOfOrder.remove(idx);
                dropRef(r);
            }
            return;
        }
        int pos = findRecent(idx);
        if (pos >= 0 && mRef[pos] >= 0 && same(values.get(mRef[pos]), o)) {
            dropRef(mRef[pos]);
            mRef[pos] = -1;
            mDead++;
        }
    }

    private static boolean same(Object inMemo, Object o) {
        return inMemo == o || (o instanceof String && o.equals(inMemo));
    }

    private static long sizeOf(Object o) {
        if (o instanceof String s) {
            return 40 + s.length();
        }
        if (o instanceof PyBytes b) {
            return 32 + b.b.length;
        }
        return 32;
    }

    Object get(long idx) {
        int ref = idx < 0 ? -1 : memoRefOf(idx);
        if (ref < 0) {
            if (idx >= 0 && idx < memoHigh) {
                throw m.err("memo entry " + idx + " refers to an object that was already streamed and dropped"
                        + " (a value passed on, referenced twice), or was never stored");
            }
            throw m.err("memo entry " + idx + " was never stored");
        }
        Object o = values.get(ref);
        return o == NONE_IN_MEMO ? null : o;
    }
}
