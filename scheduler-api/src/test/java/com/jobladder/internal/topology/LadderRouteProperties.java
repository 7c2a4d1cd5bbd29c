package com.jobladder.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LadderRouteProperties {

    record Case(LadderSpec spec, long delayMillis) {}

    @Provide
    Arbitrary<Case> ladderAndDelayWithinIt() {
        Arbitrary<LadderSpec> specs = Combinators.combine(
                        Arbitraries.integers().between(2, 64),
                        Arbitraries.of(1L, 2L, 5L, 10L, 100L),
                        Arbitraries.integers().between(1, 12))
                .as((radix, unit, levels) -> {
                    try {
                        return new LadderSpec(radix, Duration.ofMillis(unit), levels, QueueType.QUORUM, 1000);
                    } catch (IllegalArgumentException tooTall) {
                        return new LadderSpec(radix, Duration.ofMillis(unit), 1, QueueType.QUORUM, 1000);
                    }
                });
        return specs.flatMap(spec -> Arbitraries.longs()
                .between(0, spec.maxDelay().toMillis() / spec.unitMillis())
                .map(units -> new Case(spec, units * spec.unitMillis())));
    }

    @Property
    void theTtlsAJobPassesThroughAddUpExactlyToItsDelay(@ForAll("ladderAndDelayWithinIt") Case c) {
        LadderRoute route = LadderRoute.of(c.spec(), Duration.ofMillis(c.delayMillis()), "send-email");

        assertThat(route.totalDelay(c.spec())).isEqualTo(Duration.ofMillis(c.delayMillis()));
        assertThat(route.capped()).isFalse();
    }

    @Property
    void hopsEqualTheNonZeroDigitsOfTheDelayInTheLaddersBase(@ForAll("ladderAndDelayWithinIt") Case c) {
        LadderRoute route = LadderRoute.of(c.spec(), Duration.ofMillis(c.delayMillis()), "t");

        String digits = Long.toString(
                c.delayMillis() / c.spec().unitMillis(),
                c.spec().radix() <= 36 ? c.spec().radix() : 10);
        if (c.spec().radix() <= 36) {
            assertThat(route.hops())
                    .isEqualTo((int) digits.chars().filter(ch -> ch != '0').count());
        }
        assertThat(route.hops()).isLessThanOrEqualTo(c.spec().levels());
    }

    @Property
    void routingKeysRoundTrip(@ForAll("ladderAndDelayWithinIt") Case c) {
        LadderRoute route = LadderRoute.of(c.spec(), Duration.ofMillis(c.delayMillis()), "report_2");

        LadderRoute parsed = LadderRoute.parse(c.spec(), route.routingKey());

        assertThat(parsed.digits()).containsExactly(route.digits());
        assertThat(parsed.type()).isEqualTo("report_2");
        assertThat(parsed.routingKey()).isEqualTo(route.routingKey());
    }

    @Property
    void aDelayBeyondTheTopIsCappedAtTheLaddersMaximum(@ForAll("ladderAndDelayWithinIt") Case c) {
        Duration beyond = c.spec().maxDelay().plusMillis(1 + c.delayMillis());

        LadderRoute route = LadderRoute.of(c.spec(), beyond, "t");

        assertThat(route.capped()).isTrue();
        assertThat(route.totalDelay(c.spec())).isEqualTo(c.spec().maxDelay());
    }

    @Property
    void aDelayBetweenUnitsIsRoundedUpSoTheJobIsNeverEarly(@ForAll("ladderAndDelayWithinIt") Case c) {
        Duration delay = Duration.ofMillis(c.delayMillis()).plusNanos(1);
        if (delay.compareTo(c.spec().maxDelay()) > 0) {
            return;
        }

        LadderRoute route = LadderRoute.of(c.spec(), delay, "t");

        assertThat(route.totalDelay(c.spec())).isGreaterThanOrEqualTo(delay);
    }
}
