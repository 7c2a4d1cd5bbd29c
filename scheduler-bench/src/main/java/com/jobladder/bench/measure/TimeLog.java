package com.jobladder.bench.measure;

import java.nio.ByteBuffer;

/**
 * Pairs of epoch-millisecond instants, one per job (e.g. due and started), appended from any
 * thread. Kept off the heap so that logging a million jobs does not show in the heap figures
 * the schedulers scenario reports for the scheduler under test.
 */
public final class TimeLog {
    private static final int PAIR = 16;
    private ByteBuffer pairs;
    private int size;

    public TimeLog(long expected) {
        pairs = ByteBuffer.allocateDirect((int) Math.max(1_024, Math.min(expected + 1_024, Integer.MAX_VALUE / PAIR))
                * PAIR);
    }

    public synchronized void add(long first, long second) {
        if ((size + 1) * PAIR > pairs.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(pairs.capacity() * 2);
            bigger.put(pairs.duplicate().clear().limit(size * PAIR));
            pairs = bigger;
        }
        pairs.putLong(size * PAIR, first);
        pairs.putLong(size * PAIR + 8, second);
        size++;
    }

    synchronized int size() {
        return size;
    }

    /** Calls {@code each} with every pair, in the order they were added. */
    public synchronized void forEach(Pair each) {
        for (int i = 0; i < size; i++) {
            each.accept(pairs.getLong(i * PAIR), pairs.getLong(i * PAIR + 8));
        }
    }

    public interface Pair {
        void accept(long first, long second);
    }
}
