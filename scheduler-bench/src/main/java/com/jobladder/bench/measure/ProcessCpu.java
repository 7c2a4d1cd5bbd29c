package com.jobladder.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the other processes a run depends on, read from Linux's {@code /proc}: the broker
 * node, every PostgreSQL process, and the whole machine. On two shared cores the question is
 * which of them runs out first, and the JVM's own figure cannot tell.
 */
public final class ProcessCpu {
    /** USER_HZ: {@code /proc} counts CPU time in ticks of 10 ms on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /** User + system CPU of process {@code pid}, or -1 when it cannot be read. */
    public static long ofPid(long pid) {
        long ticks = ticks(Path.of("/proc", Long.toString(pid), "stat"));
        return ticks < 0 ? -1 : ticks * NANOS_PER_TICK;
    }

    /** User + system CPU of every process named {@code postgres} (the postmaster and its backends). */
    static long ofPostgres() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                            .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                            .filter(ProcessCpu::isPostgres)
                            .mapToLong(p -> Math.max(0, ticks(p.resolve("stat"))))
                            .sum()
                    * NANOS_PER_TICK;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU every core spent on anything but idle and I/O wait since boot ({@code /proc/stat}'s first
     * line), or -1 when it cannot be read. Other users of the machine count too: that is the point.
     */
    static long ofMachine() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElse("").trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim().equals("postgres");
        } catch (IOException e) {
            return false; // gone since it was listed
        }
    }

    /** utime + stime (fields 14 and 15), counted after the command name, which may hold spaces. */
    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
