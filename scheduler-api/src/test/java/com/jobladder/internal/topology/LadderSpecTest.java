package com.jobladder.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LadderSpecTest {
    /** The default ladder's fingerprint while digit 0 was an exchange-to-exchange binding to the level below. */
    private static final String OLD_DEFAULT_FINGERPRINT = "c90572a4";

    @Test
    void theDefaultLadderCoversAboutFortyNineDaysWithOneHundredAndTwentyQueues() {
        LadderSpec spec = new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000);

        assertThat(spec.maxDelay()).isEqualTo(Duration.ofMillis(4_294_967_295L));
        assertThat(spec.queueCount()).isEqualTo(120);
        assertThat(spec.ttlMillis(7, 15)).isEqualTo(15L << 28);
    }

    @Test
    void aLadderWhoseTopRungExceedsRabbitMqsTtlLimitIsRefusedWithTheLimit() {
        assertThatThrownBy(() -> new LadderSpec(16, Duration.ofMillis(1), 9, QueueType.QUORUM, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("levels 9")
                .hasMessageContaining("4294967295 ms");
    }

    @Test
    void aUnitThatIsNotWholeMillisecondsIsRefused() {
        assertThatThrownBy(() -> new LadderSpec(16, Duration.ofNanos(1500), 4, QueueType.QUORUM, 1000))
                .hasMessageContaining("whole number of milliseconds");
    }

    @Test
    void theFingerprintChangesWithEveryQueueArgumentAndOnlyThen() {
        LadderSpec base = new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000);

        assertThat(base.fingerprint())
                .isEqualTo(new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000).fingerprint());
        assertThat(base.fingerprint())
                .isNotEqualTo(new LadderSpec(8, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000).fingerprint())
                .isNotEqualTo(new LadderSpec(16, Duration.ofMillis(10), 7, QueueType.QUORUM, 1000).fingerprint())
                .isNotEqualTo(new LadderSpec(16, Duration.ofMillis(1), 7, QueueType.QUORUM, 1000).fingerprint())
                .isNotEqualTo(new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.CLASSIC, 1000).fingerprint())
                .isNotEqualTo(new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 999).fingerprint())
                .isNotEqualTo(base.withQuorumInitialGroupSize(5).fingerprint());
        assertThat(base.withApproach(Duration.ofMillis(4096), Duration.ofMillis(250))
                        .fingerprint())
                .isEqualTo(base.fingerprint());
    }

    @Test
    void aGroupSizeOutsideOneToSevenIsRefused() {
        LadderSpec base = new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000);

        assertThatThrownBy(() -> base.withQuorumInitialGroupSize(0))
                .hasMessageContaining("quorum initial group size 0 is out of range: expected 1 to 7");
    }

    @Test
    void ladderExchangesWithAnAlternateExchangeGetNamesOfTheirOwnSoAnOlderLadderIsLeftToDrain() {
        // The default ladder's fingerprint before its exchanges had an alternate exchange: redeclaring
        // those exchanges with the new argument would fail PRECONDITION_FAILED.
        assertThat(new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 5_000_000).fingerprint())
                .isNotEqualTo("1af7694e");
    }

    @Test
    void bindingPatternsSelectTheHighestNonZeroWordAtOrBelowTheirLevel() {
        TopologyDeclarer declarer = new TopologyDeclarer(
                new TopologyNames("ns", new LadderSpec(16, Duration.ofMillis(1), 3, QueueType.QUORUM, 1000)));

        assertThat(declarer.bindingPattern(2, 2, 5)).isEqualTo("5.#");
        assertThat(declarer.bindingPattern(2, 0, 7)).isEqualTo("0.0.7.#");
        assertThat(declarer.bindingPattern(1, 0, 3)).isEqualTo("*.0.3.#");
        assertThat(declarer.bindingPattern(0, -1, 0)).isEqualTo("*.*.0.#");
        assertThat(declarer.bindingPattern(2, -1, 0)).isEqualTo("0.0.0.#");
    }

    @Test
    void ladderExchangesThatBindStraightToTheRungsBelowGetNamesOfTheirOwn() {
        // Both sets of bindings on one exchange would route some keys twice.
        assertThat(new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 5_000_000).fingerprint())
                .isNotEqualTo(OLD_DEFAULT_FINGERPRINT);
    }

    @Test
    void aWindowThatIsNotAPowerOfTheRadixInUnitsIsRefusedWithTheValidOnes() {
        LadderSpec spec = new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000);

        assertThat(spec.withApproach(Duration.ofMillis(4096), Duration.ofMillis(250))
                        .windowLevels())
                .isEqualTo(3);
        assertThat(spec.withApproach(Duration.ofMillis(1), Duration.ZERO).windowLevels())
                .isZero();
        assertThatThrownBy(() -> spec.withApproach(Duration.ofMillis(4000), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window 4000ms is invalid for radix 16")
                .hasMessageContaining("1ms, 16ms, 256ms, 4096ms, 65536ms");
        assertThatThrownBy(() -> spec.withApproach(Duration.ofMillis(1L << 32), Duration.ZERO))
                .hasMessageContaining("k from 0 to 7");
        assertThatThrownBy(() -> spec.withApproach(Duration.ZERO, Duration.ofMillis(-1)))
                .hasMessageContaining("lead -1ms is invalid: expected 0 or more");
    }

    @Test
    void windowAndLeadAreRoutingOnlyAndLeaveTheQueuesAndTheirNamesAlone() {
        LadderSpec spec = new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000);

        assertThat(spec.withApproach(Duration.ofMillis(4096), Duration.ofMillis(250))
                        .fingerprint())
                .isEqualTo(spec.fingerprint());
    }
}
