package com.jobladder.internal.topology;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The shape of the delay ladder: a delay is written as {@code levels} digits in base
 * {@code radix}, each digit worth {@code unit * radix^level}. Level k has one queue per
 * non-zero digit d, holding messages for {@code d * radix^k * unit}.
 *
 * <p>The ladder stops short (the final approach): a job is aimed at {@code due - lead} and leaves
 * the ladder as soon as less than {@code window} of that remains, so the {@link #windowLevels()}
 * lowest levels are never travelled; the worker holds the early delivery until it is due.
 * Window and lead are routing only: they are not queue arguments and not in the fingerprint, so
 * producers with different windows share one ladder.
 *
 * @param maxLength per ladder queue; beyond it the broker refuses publishes (reject-publish),
 *                  which the submitting client reports as a failed schedule
 * @param window    W: 0 (travel every level) or radix^k units, k below levels
 * @param lead      how early the ladder aims: longer than the hops' lateness under load
 * @param quorumInitialGroupSize replicas of each quorum queue (ladder, worker, dead, unrouted) when
 *                  it is first declared; RabbitMQ caps it at the cluster's node count, so a single
 *                  node gets 1. A queue argument, fixed at declaration: it is in the fingerprint
 */
public record LadderSpec(
        int radix,
        Duration unit,
        int levels,
        QueueType queueType,
        long maxLength,
        Duration window,
        Duration lead,
        int quorumInitialGroupSize) {
    /** Three replicas survive the loss of one node; RabbitMQ's own default is every node of the cluster. */
    public static final int DEFAULT_QUORUM_INITIAL_GROUP_SIZE = 3;
    /** RabbitMQ's recommended upper bound for a quorum queue's members (an odd count, at most 7). */
    public static final int MAX_QUORUM_INITIAL_GROUP_SIZE = 7;

    public static final int MAX_RADIX = 64;
    /** RabbitMQ refuses an {@code x-message-ttl} above 2^32 - 1 ms (about 49.7 days). */
    public static final long MAX_TTL_MILLIS = 4_294_967_295L;

    public LadderSpec {
        if (radix < 2 || radix > MAX_RADIX) {
            throw new IllegalArgumentException(
                    "ladder radix " + radix + " is out of range: expected 2 to " + MAX_RADIX);
        }
        if (unit.isNegative() || unit.isZero() || unit.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("ladder unit " + unit
                    + " is invalid: expected a whole number of milliseconds, at least 1ms (RabbitMQ TTLs are in ms)");
        }
        if (levels < 1 || topTtl(radix, unit, levels).compareTo(BigInteger.valueOf(MAX_TTL_MILLIS)) > 0) {
            throw new IllegalArgumentException("ladder levels " + levels + " is out of range for radix " + radix
                    + " and unit " + unit
                    + ": expected at least 1, and the top rung's TTL ((radix-1) * radix^(levels-1)"
                    + " * unit) must not exceed RabbitMQ's limit of " + MAX_TTL_MILLIS + " ms");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("ladder max-length " + maxLength + " must be at least 1");
        }
        if (windowLevels(radix, unit, levels, window) < 0) {
            throw new IllegalArgumentException("ladder window " + window.toMillis() + "ms is invalid for radix "
                    + radix + ", unit " + unit.toMillis() + "ms and " + levels + " levels: expected 0 or"
                    + " radix^k * unit with k from 0 to " + (levels - 1) + " (" + windowExamples(radix, unit, levels)
                    + "), so that the ladder stops at a level boundary");
        }
        if (quorumInitialGroupSize < 1 || quorumInitialGroupSize > MAX_QUORUM_INITIAL_GROUP_SIZE) {
            throw new IllegalArgumentException("quorum initial group size " + quorumInitialGroupSize
                    + " is out of range: expected 1 to " + MAX_QUORUM_INITIAL_GROUP_SIZE);
        }
        if (lead.isNegative() || lead.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("ladder lead " + lead.toMillis() + "ms"
                    + " is invalid: expected 0 or more, a whole number of milliseconds");
        }
    }

    /** Today's full-length ladder: no window, no lead, the default group size. */
    public LadderSpec(int radix, Duration unit, int levels, QueueType queueType, long maxLength) {
        this(
                radix,
                unit,
                levels,
                queueType,
                maxLength,
                Duration.ZERO,
                Duration.ZERO,
                DEFAULT_QUORUM_INITIAL_GROUP_SIZE);
    }

    /** This ladder with another window and lead; the queues stay the same. */
    public LadderSpec withApproach(Duration newWindow, Duration newLead) {
        return new LadderSpec(radix, unit, levels, queueType, maxLength, newWindow, newLead, quorumInitialGroupSize);
    }

    /** This ladder with quorum queues of another initial group size: a new ladder beside this one. */
    public LadderSpec withQuorumInitialGroupSize(int size) {
        return new LadderSpec(radix, unit, levels, queueType, maxLength, window, lead, size);
    }

    /** k such that window = radix^k units: the lowest levels a job never travels (0 without a window). */
    public int windowLevels() {
        return windowLevels(radix, unit, levels, window);
    }

    /** k for a valid window, -1 for an invalid one. */
    private static int windowLevels(int radix, Duration unit, int levels, Duration window) {
        if (window.isZero()) {
            return 0;
        }
        if (window.isNegative() || window.toNanos() % unit.toNanos() != 0) {
            return -1;
        }
        long units = window.toNanos() / unit.toNanos();
        long weight = 1;
        for (int k = 0; k < levels; k++) {
            if (weight == units) {
                return k;
            }
            weight *= radix;
        }
        return -1;
    }

    private static String windowExamples(int radix, Duration unit, int levels) {
        StringBuilder examples = new StringBuilder();
        long weight = 1;
        for (int k = 0; k < Math.min(levels, 6); k++) {
            examples.append(k == 0 ? "" : ", ").append(weight * unit.toMillis()).append("ms");
            weight *= radix;
        }
        return examples.append(levels > 6 ? ", ..." : "").toString();
    }

    private static BigInteger topTtl(int radix, Duration unit, int levels) {
        return BigInteger.valueOf(radix - 1L)
                .multiply(BigInteger.valueOf(radix).pow(Math.max(0, levels - 1)))
                .multiply(BigInteger.valueOf(unit.toMillis()));
    }

    public long unitMillis() {
        return unit.toMillis();
    }

    /** radix^level, the worth of digit 1 at that level, in units. */
    public long weight(int level) {
        long w = 1;
        for (int i = 0; i < level; i++) {
            w *= radix;
        }
        return w;
    }

    /** The longest delay one pass through the ladder makes: every digit at radix - 1. */
    public Duration maxDelay() {
        return Duration.ofMillis((weight(levels) - 1) * unitMillis());
    }

    /** TTL of the queue for digit {@code digit} at {@code level}. */
    public long ttlMillis(int level, int digit) {
        return digit * weight(level) * unitMillis();
    }

    /** Number of TTL queues: one per non-zero digit per level, whatever the traffic. */
    public int queueCount() {
        return levels * (radix - 1);
    }

    /**
     * Short hash of everything that becomes a queue or exchange argument. Topology names carry it,
     * so a ladder of another shape is declared beside this one instead of failing
     * PRECONDITION_FAILED. {@code -ae}: ladder exchanges have the unrouted exchange as their
     * alternate (a ladder declared before that keeps its own names and drains); {@code -g}: the
     * quorum queues' initial group size; {@code -flat}: each ladder exchange binds straight to every
     * rung below it instead of chaining to the next level for a zero digit (an exchange with both
     * sets of bindings would route some keys twice).
     */
    public String fingerprint() {
        String shape = "r" + radix + "-u" + unitMillis() + "-l" + levels + "-" + queueType + "-m" + maxLength
                + (queueType == QueueType.QUORUM ? "-alo-g" + quorumInitialGroupSize : "-amo") + "-ae-flat";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
