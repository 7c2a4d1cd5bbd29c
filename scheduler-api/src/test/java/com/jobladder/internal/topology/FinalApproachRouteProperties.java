package com.jobladder.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ladder that stops short: aimed at due - lead, left once less than the window remains. */
class FinalApproachRouteProperties {

    record Case(LadderSpec spec, Duration delay) {}

    @Provide
    Arbitrary<Case> approachAndDelay() {
        Arbitrary<LadderSpec> specs = Combinators.combine(
                        Arbitraries.integers().between(2, 32),
                        Arbitraries.of(1L, 2L, 10L),
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.integers().between(-1, 7),
                        Arbitraries.longs().between(0, 2_000))
                .as((radix, unit, levels, k, lead) -> {
                    LadderSpec ladder;
                    try {
                        ladder = new LadderSpec(radix, Duration.ofMillis(unit), levels, QueueType.QUORUM, 1000);
                    } catch (IllegalArgumentException tooTall) {
                        ladder = new LadderSpec(radix, Duration.ofMillis(unit), 1, QueueType.QUORUM, 1000);
                    }
                    int windowLevel = Math.min(k, ladder.levels() - 1);
                    Duration window =
                            windowLevel < 0 ? Duration.ZERO : Duration.ofMillis(ladder.weight(windowLevel) * unit);
                    return ladder.withApproach(window, Duration.ofMillis(lead));
                });
        return specs.flatMap(spec -> Arbitraries.longs()
                .between(-1_000, spec.maxDelay().toMillis() + 3_000)
                .flatMap(millis -> Arbitraries.integers()
                        .between(0, 999_999)
                        .map(nanos -> new Case(spec, Duration.ofMillis(millis).plusNanos(nanos)))));
    }

    @Property
    void aJobArrivesBetweenLeadAndLeadPlusWindowEarlyOrGoesStraightToItsQueue(@ForAll("approachAndDelay") Case c) {
        LadderSpec spec = c.spec();
        LadderRoute route = LadderRoute.of(spec, c.delay(), "t");
        Duration early = (c.delay().isNegative() ? Duration.ZERO : c.delay()).minus(route.totalDelay(spec));
        Duration window = spec.window().isZero() ? spec.unit() : spec.window();

        if (route.capped()) {
            assertThat(early)
                    .as("beyond the top: the worker sends it round again")
                    .isPositive();
        } else if (spec.lead().isZero() && spec.window().isZero()) {
            assertThat(early)
                    .as("the full ladder rounds up: never early")
                    .isLessThanOrEqualTo(Duration.ZERO)
                    .isGreaterThan(spec.unit().negated());
        } else if (c.delay().compareTo(spec.lead().plus(spec.window())) < 0) {
            assertThat(route.hops())
                    .as("due within lead + window: straight to the worker queue")
                    .isZero();
        } else {
            assertThat(early)
                    .isGreaterThanOrEqualTo(spec.lead())
                    .isLessThan(spec.lead().plus(window));
        }
    }

    @Property
    void routingNeverMakesAJobLateAndTheLevelsBelowTheWindowAreNeverTravelled(@ForAll("approachAndDelay") Case c) {
        LadderSpec spec = c.spec();
        LadderRoute route = LadderRoute.of(spec, c.delay(), "t");

        if (!spec.lead().isZero() || !spec.window().isZero()) {
            assertThat(route.totalDelay(spec)).isLessThanOrEqualTo(c.delay().isNegative() ? Duration.ZERO : c.delay());
        }
        for (int level = 0; level < spec.windowLevels(); level++) {
            assertThat(route.digits()[level])
                    .as("digit of level %d, below the window", level)
                    .isZero();
        }
        assertThat(route.hops()).isLessThanOrEqualTo(spec.levels() - spec.windowLevels());
    }

    @Property
    void withoutWindowAndLeadTheRouteIsTheFullLaddersRoundedUpRoute(@ForAll("approachAndDelay") Case c) {
        LadderSpec full = c.spec().withApproach(Duration.ZERO, Duration.ZERO);

        LadderRoute route = LadderRoute.of(full, c.delay(), "t");

        assertThat(route.digits()).containsExactly(fullLadderDigits(full, c.delay()));
    }

    @Property
    void aKeyRoutedWithAWindowIsAValidFullLadderKey(@ForAll("approachAndDelay") Case c) {
        LadderRoute route = LadderRoute.of(c.spec(), c.delay(), "report_2");

        LadderRoute parsed = LadderRoute.parse(c.spec().withApproach(Duration.ZERO, Duration.ZERO), route.routingKey());

        assertThat(parsed.digits()).containsExactly(route.digits());
    }

    /** The full ladder's routing (every level, the delay rounded up to whole units), written out as the reference. */
    private static int[] fullLadderDigits(LadderSpec spec, Duration delay) {
        long millis = delay.isNegative() ? 0 : delay.toMillis() + (delay.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        long units = (millis + spec.unitMillis() - 1) / spec.unitMillis();
        long rest = Math.min(units, spec.weight(spec.levels()) - 1);
        int[] digits = new int[spec.levels()];
        for (int level = 0; level < spec.levels(); level++) {
            digits[level] = (int) (rest % spec.radix());
            rest /= spec.radix();
        }
        return digits;
    }
}
