package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** next() agrees with itself from any starting instant, across the DST changes of 2026. */
class FireTimesPropertyTest {
    private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe"};
    private static final String[] CRONS = {"30 2 * * *", "0,30 * * * *", "15 1 * * *", "*/20 1-3 * * *", "0 2 * * 0"};

    @Provide
    Arbitrary<Instant> instants() {
        // Within two days of each 2026 transition of the three zones, where mistakes would be.
        Arbitrary<Instant> transitions = Arbitraries.of(
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
                Instant.parse("2026-10-03T15:30:00Z"), Instant.parse("2026-04-04T15:00:00Z"));
        return transitions.flatMap(
                t -> Arbitraries.longs().between(-2 * 86_400, 2 * 86_400).map(t::plusSeconds));
    }

    @Property(tries = 300)
    void every_instant_between_two_fires_leads_to_the_same_next_fire(
            @ForAll("instants") Instant start,
            @ForAll("zone") String zone,
            @ForAll("cron") String cron,
            @ForAll("fraction") double fraction) {
        FireTimes times = FireTimes.of(CronSchedule.of("p", cron, CronSyntax.UNIX, ZoneId.of(zone), "x"));
        Instant next = times.next(start).orElseThrow();
        assertThat(next).isAfter(start);
        long span = next.getEpochSecond() - start.getEpochSecond();
        Instant between = start.plusSeconds((long) (span * fraction));
        if (between.isBefore(next)) {
            assertThat(times.next(between)).isEqualTo(Optional.of(next));
        }
    }

    @Provide
    Arbitrary<String> zone() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<String> cron() {
        return Arbitraries.of(CRONS);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }
}
