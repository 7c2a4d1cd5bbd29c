package com.jobladder.internal.concurrent;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start has opened so far, closed newest first: when the start fails, or when its owner
 * stops. Each part's {@code close} must be idempotent and bounded; one that throws does not keep
 * the others open.
 */
public final class StartedParts {
    private static final Logger log = LoggerFactory.getLogger(StartedParts.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Adds a part that has just started and returns it; null, a part that is switched off, is skipped. */
    public synchronized <T extends AutoCloseable> T add(T part) {
        if (part != null) {
            parts.push(part);
        }
        return part;
    }

    /** Closes every part, newest first, after a failed start; what a close throws goes with {@code failure}. */
    public void closeAfter(Throwable failure) {
        for (AutoCloseable part = next(); part != null; part = next()) {
            try {
                part.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Closes every part, newest first; a close that throws is logged and the rest close still. */
    public void closeAll() {
        for (AutoCloseable part = next(); part != null; part = next()) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn(
                        "Closing {} failed; closing the rest: {}",
                        part.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }

    private synchronized AutoCloseable next() {
        return parts.poll();
    }
}
