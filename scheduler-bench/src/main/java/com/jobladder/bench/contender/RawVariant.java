package com.jobladder.bench.contender;

/**
 * The raw amqp-client variants of the broker-cost scenario, each one change from its
 * neighbour, so that the broker CPU between two rows is the cost of that one change.
 */
public enum RawVariant {
    A_QUORUM("a", "raw: confirmed persistent publish -> quorum queue -> consumer acks each", true, false, false, false),
    B_ACK_MULTIPLE(
            "b",
            "a, acking with multiple=true every " + RawVariant.ACK_BATCH + " deliveries",
            true,
            true,
            false,
            false),
    C_CLASSIC("c", "a with a classic durable queue instead of quorum", false, false, false, false),
    D_TTL_HOP(
            "d",
            "a through one TTL hop: quorum rung (TTL k x 4,096 ms, at-least-once DLX, reject-publish) chosen"
                    + " like the window-4096 ladder, consumer acks on arrival",
            true,
            false,
            true,
            false),
    E_HOLD(
            "e",
            "d, the consumer holding each delivery unacked until due (250-4,346 ms) before acking",
            true,
            false,
            true,
            true),
    E2_LADDER(
            "e2",
            "e through JobLadder's own declared topology (topic ladder exchanges bound to its rungs and the"
                    + " delivery exchange, and its worker queue), routing keys as JobLadder's client makes them; still raw"
                    + " amqp-client, no JobLadder client or worker",
            true,
            false,
            true,
            true);

    /** Deliveries acked at once by variant b; well below the consumer's prefetch, so it never stalls. */
    static final int ACK_BATCH = 50;

    private final String letter;
    private final String description;
    private final boolean quorum;
    private final boolean ackMultiple;
    private final boolean hop;
    private final boolean hold;

    RawVariant(String letter, String description, boolean quorum, boolean ackMultiple, boolean hop, boolean hold) {
        this.letter = letter;
        this.description = description;
        this.quorum = quorum;
        this.ackMultiple = ackMultiple;
        this.hop = hop;
        this.hold = hold;
    }

    /** The variant named {@code letter} (a-e). */
    public static RawVariant of(String letter) {
        for (RawVariant v : values()) {
            if (v.letter.equals(letter)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no raw variant \"" + letter + "\": expected a, b, c, d, e or e2");
    }

    String letter() {
        return letter;
    }

    public String description() {
        return description;
    }

    boolean quorum() {
        return quorum;
    }

    boolean ackMultiple() {
        return ackMultiple;
    }

    /** Whether jobs have delays and go through a rung (d, e, e2); a-c publish jobs due at once. */
    boolean hop() {
        return hop;
    }

    boolean hold() {
        return hold;
    }

    /** Whether it runs through JobLadder's declared ladder instead of its own rungs. */
    boolean jobladderTopology() {
        return this == E2_LADDER;
    }
}
