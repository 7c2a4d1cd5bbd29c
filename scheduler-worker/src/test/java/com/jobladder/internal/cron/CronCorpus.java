package com.jobladder.internal.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The cases FireTimes is checked on: expressions of every field form of both syntaxes (hand-picked
 * ones for each form, then random ones from a fixed seed), six zones with different DST habits, and
 * starts around every transition of 2025-2028 plus ordinary instants.
 */
final class CronCorpus {
    record Expression(CronSyntax syntax, String text) {
        @Override
        public String toString() {
            return text + " (" + syntax.fileName() + ")";
        }
    }

    static final List<String> ZONES = List.of(
            "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Kolkata", "UTC");
    static final int FIRES_PER_CASE = 8;

    private static final List<String> UNIX = List.of(
            "0 2 * * *",
            "30 2 * * *",
            "15 1 * * *",
            "45 1 * * *",
            "0 3 * * *",
            "30 1-3 * * *",
            "0,30 2 * * *",
            "*/15 2 * * *",
            "0 */2 * * *",
            "0 1-23/2 * * *",
            "*/30 * * * *",
            "0,30 * * * *",
            "* * * * *",
            "*/7 * * * *",
            "5 * * * *",
            "0 2 */2 * 0",
            "0 2 * * 0",
            "0 2 1,15 * 1",
            "0 2 */2 * *",
            "0 2 1,15 * *",
            "0 9 * * MON-FRI",
            "0 9 * * 1-5",
            "30 6 * * SAT,SUN",
            "0 12 1 JAN-MAR *",
            "0 0 1 */3 *",
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
            "0 2 30 2 *",
            "0 0 29 2 *",
            "0 0 29 2 1",
            "0 2 * * 7",
            "0 2 */3 * 1-5",
            "0 2 1-7 * */2",
            "59 23 31 12 *",
            "0 22 * * 0-6/2",
            "10-20 2 * * *",
            "0-59/20 2,3 * * *",
            "0 0,12 15 * 5",
            "0 2 * 3,10 0",
            "0 2 8-14 * 6",
            "30 2 * 3 SUN",
            "0 2,3 * * *",
            "0 2-3 * * *",
            "*/10 1-3 * * *",
            "0 1 * * *",
            "30 0 * * *",
            "0 2 25-31 3,10 0",
            "0 2 */7 * */3",
            "0 2 * * */2",
            "0 2 */2 * */2");
    private static final List<String> QUARTZ = List.of(
            "0 0 2 * * ?",
            "0 30 2 * * ?",
            "0 0 22-2 * * ?",
            "0 0 22-2/3 * * ?",
            "0 50-10/15 * * * ?",
            "30 59-1 1-2 * * ?",
            "0 0 2 28W 2 ?",
            "0 0 2 1W * ?",
            "0 0 2 15W * ?",
            "0 0 2 31W * ?",
            "0 0 2 1W,15W * ?",
            "0 0 2 LW * ?",
            "0 0 2 L * ?",
            "0 0 2 L-3 * ?",
            "0 0 2 L-30 * ?",
            "0 0 2 ? * 6L",
            "0 0 2 ? * 1L",
            "0 0 2 ? * 6#3",
            "0 0 2 ? * 2#1",
            "0 0 2 ? * 5#5",
            "0 0 2 ? * L",
            "0 0 2 ? * FRI-MON",
            "0 0 2 ? * MON-FRI",
            "0 0 2 ? * 2/2",
            "0 0 2 1 NOV-FEB ?",
            "0 0 2 28-2 * ?",
            "0 0 12 1 1/3 ?",
            "0 0 12 1/5 * ?",
            "0 0 2 * * ? 2026",
            "0 0 2 * * ? 2027-2028",
            "0 0 2 1 1 ? 2026,2028",
            "0 0 0 29 2 ? *",
            "*/10 * * * * ?",
            "* * * * * ?",
            "0 */15 * * * ?",
            "15,45 * 2 * * ?",
            "0 0 1-3 * * ?",
            "0 0,30 2 * * ?",
            "0 30 1 * * ?",
            "0 45 1 * * ?",
            "0 15 2 * * ?",
            "0 0 */6 * * ?",
            "0 0 0 ? * SUN",
            "0 0 0 1 JAN ?",
            "0 0/20 2 * * ?",
            "0 0 2 ? * SAT,SUN",
            "0 0 2 10-20 * ?",
            "0-10/5 0 2 * * ?",
            "59 59 23 31 12 ?",
            "0 0 2 ? NOV-FEB FRI-MON",
            "0 0 23-1 ? * 7#1");

    private static final String[][] UNIX_POOLS = {
        {"0", "30", "*/15", "5,35", "10-20", "0-59/20", "*", "45", "*/7", "15"},
        {"*", "2", "1-3", "0,12", "*/6", "22", "9-17/4", "2,3", "1", "3"},
        {"*", "*", "*", "1", "15", "*/2", "1,15", "10-20", "*/10", "31", "1-7", "28-31"},
        {"*", "*", "*", "1", "3,10", "JAN-MAR", "*/3", "10-12", "FEB", "MAR,OCT,NOV", "4"},
        {"*", "*", "*", "0", "1-5", "SAT,SUN", "*/2", "MON", "7", "5", "0-6/3"}
    };
    private static final String[][] QUARTZ_POOLS = {
        {"0", "0", "30", "*/20", "15,45", "0-10/5", "50-10"},
        {"0", "30", "*/15", "5,35", "10-20", "0-59/20", "*", "45", "50-10/15", "0/20"},
        {"*", "2", "1-3", "0,12", "*/6", "22-2", "23-1/2", "2/3", "1", "3"},
        {"*", "1", "15", "L", "L-2", "LW", "15W", "1W", "*/5", "1-7", "28-2", "10,20", "3/10"},
        {"*", "*", "1", "3,10", "JAN-MAR", "NOV-FEB", "*/3", "10-12", "2"},
        {"*", "MON-FRI", "FRI-MON", "6L", "2#2", "1", "SAT,SUN", "2/2", "7"},
        {"", "", "", "", " 2026-2028", " 2027", " *"}
    };
    private static final int RANDOM_PER_SYNTAX = 80;

    private CronCorpus() {}

    static List<Expression> expressions() {
        Set<Expression> all = new LinkedHashSet<>();
        UNIX.forEach(text -> all.add(new Expression(CronSyntax.UNIX, text)));
        QUARTZ.forEach(text -> all.add(new Expression(CronSyntax.QUARTZ, text)));
        Random random = new Random(12);
        while (all.size() < UNIX.size() + QUARTZ.size() + RANDOM_PER_SYNTAX) {
            all.add(new Expression(
                    CronSyntax.UNIX,
                    String.join(
                            " ",
                            pick(random, UNIX_POOLS[0]),
                            pick(random, UNIX_POOLS[1]),
                            pick(random, UNIX_POOLS[2]),
                            pick(random, UNIX_POOLS[3]),
                            pick(random, UNIX_POOLS[4]))));
        }
        while (all.size() < UNIX.size() + QUARTZ.size() + 2 * RANDOM_PER_SYNTAX) {
            boolean byWeekday = random.nextBoolean();
            all.add(new Expression(
                    CronSyntax.QUARTZ,
                    String.join(
                                    " ",
                                    pick(random, QUARTZ_POOLS[0]),
                                    pick(random, QUARTZ_POOLS[1]),
                                    pick(random, QUARTZ_POOLS[2]),
                                    byWeekday ? "?" : pick(random, QUARTZ_POOLS[3]),
                                    pick(random, QUARTZ_POOLS[4]),
                                    byWeekday ? pick(random, QUARTZ_POOLS[5]) : "?")
                            + pick(random, QUARTZ_POOLS[6])));
        }
        return List.copyOf(all);
    }

    private static String pick(Random random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    /** Just before, at, inside and after each transition of 2025-2028, then instants of no importance. */
    static List<Instant> starts(ZoneId zone) {
        List<Instant> starts = new ArrayList<>();
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(at);
                t != null && t.getInstant().isBefore(Instant.parse("2029-01-01T00:00:00Z"));
                t = zone.getRules().nextTransition(t.getInstant())) {
            Instant instant = t.getInstant();
            starts.addAll(List.of(
                    instant.minusNanos(1),
                    instant.plusSeconds(1),
                    instant.plusSeconds(29 * 60 + 30),
                    instant.plusSeconds(3 * 3600)));
        }
        starts.addAll(ordinary());
        return starts;
    }

    static List<Instant> ordinary() {
        return List.of(
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-06-15T12:34:56.789Z"),
                Instant.parse("2026-02-27T23:59:59Z"),
                Instant.parse("2026-12-31T23:59:30Z"),
                Instant.parse("2027-02-26T01:59:59Z"),
                Instant.parse("2028-02-28T22:00:00Z"));
    }
}
