package com.jobladder.internal.cron;

import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of {@code conf/schedules.conf}. Polls the file's content (robust on every file system
 * and editor, unlike mtime or WatchService events), re-parses it when it changed, and swaps in the
 * new schedules atomically when they are valid. An invalid edit (or a deleted file) is refused: it
 * is logged with file, line and reason, kept as {@link #lastRefusal()}, and the last good schedules
 * keep running.
 */
public final class ScheduleFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFileWatcher.class);

    /** An edit that was not applied, with every reason. */
    public record Refusal(String file, List<ScheduleError> errors, Instant at) {
        public Refusal {
            errors = List.copyOf(errors);
        }

        public String describe() {
            return errors.stream().map(ScheduleError::toString).collect(Collectors.joining("; "));
        }
    }

    /** Called on the watcher's thread after a valid edit was swapped in. */
    @FunctionalInterface
    public interface ChangeListener {
        void schedulesChanged(List<CronSchedule> previous, List<CronSchedule> current);
    }

    private final Path file;
    private final Map<String, String> declaredInCode;
    private final Clock clock;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<CronSchedule> current;
    private volatile Optional<Refusal> lastRefusal = Optional.empty();
    private byte[] lastSeen;
    private ScheduledExecutorService executor;

    private ScheduleFileWatcher(
            Path file, Map<String, String> declaredInCode, Clock clock, List<CronSchedule> initial, byte[] seen) {
        this.file = file;
        this.declaredInCode = declaredInCode;
        this.clock = clock;
        this.current = initial;
        this.lastSeen = seen;
    }

    /** Reads the file once; an invalid file at start is an error, as any wrong setting is. */
    public static ScheduleFileWatcher load(Path file, Clock clock) {
        return load(file, Map.of(), clock);
    }

    /**
     * As {@link #load(Path, Clock)}; the file, at start and in every edit, may not use a name declared in code.
     *
     * @param declaredInCode where each schedule declared in code was declared, by name
     */
    static ScheduleFileWatcher load(Path file, Map<String, String> declaredInCode, Clock clock) {
        byte[] content = read(file);
        ScheduleFile parsed = content == null ? ScheduleFileParser.parse(file) : parse(file, content, declaredInCode);
        if (!parsed.valid()) {
            throw new ConfigurationException("cron schedules are invalid:\n" + parsed.describeErrors());
        }
        LOG.info("Cron schedules loaded from {}: {}", file, names(parsed.schedules()));
        return new ScheduleFileWatcher(file, Map.copyOf(declaredInCode), clock, parsed.schedules(), content);
    }

    /** The schedules in force: the file's content when it was last valid. */
    public List<CronSchedule> current() {
        return current;
    }

    /** The schedule of that name in force, e.g. for the worker to look up a fire's overlap policy. */
    public Optional<CronSchedule> schedule(String name) {
        return current.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The last refused edit; empty when none was refused or a later edit was accepted. */
    public Optional<Refusal> lastRefusal() {
        return lastRefusal;
    }

    public void addListener(ChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Re-reads the file if its content changed since the last check. Returns true when a new set of
     * schedules was swapped in. Never throws.
     */
    public synchronized boolean checkNow() {
        try {
            byte[] content = read(file);
            if (Arrays.equals(content, lastSeen)) {
                return false;
            }
            lastSeen = content;
            ScheduleFile parsed =
                    content == null ? ScheduleFileParser.parse(file) : parse(file, content, declaredInCode);
            if (!parsed.valid()) {
                Refusal refusal = new Refusal(file.toString(), parsed.errors(), clock.instant());
                lastRefusal = Optional.of(refusal);
                LOG.warn(
                        "Cron schedules: refused the edit of {}: {}. Will keep running the last good schedules {}",
                        file,
                        refusal.describe(),
                        names(current));
                return false;
            }
            List<CronSchedule> previous = current;
            current = parsed.schedules();
            lastRefusal = Optional.empty();
            LOG.info("Cron schedules reloaded from {}: {}", file, describeChange(previous, current));
            for (ChangeListener listener : listeners) {
                try {
                    listener.schedulesChanged(previous, current);
                } catch (RuntimeException e) {
                    LOG.error("Cron schedules: a change listener failed. Will keep watching {}", file, e);
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.error("Cron schedules: checking {} failed. Will keep the current schedules and check again", file, e);
            return false;
        }
    }

    /** Checks every {@code interval} on a daemon thread of its own. */
    public synchronized void start(Duration interval) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-cron-file-watcher"));
        executor.scheduleWithFixedDelay(
                this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Cron schedules: watching {} every {}", file, interval);
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdownNow();
            LOG.info("Cron schedules: stopped watching {}", file);
        }
    }

    private static ScheduleFile parse(Path file, byte[] content, Map<String, String> declaredInCode) {
        return ScheduleFileParser.parse(
                file.toString(), new String(content, java.nio.charset.StandardCharsets.UTF_8), declaredInCode);
    }

    /** The file's bytes, or null when it cannot be read. */
    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static String names(List<CronSchedule> schedules) {
        return schedules.stream()
                .map(s -> s.name() + (s.enabled() ? "" : " (disabled)"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static String describeChange(List<CronSchedule> previous, List<CronSchedule> current) {
        Map<String, CronSchedule> before =
                previous.stream().collect(Collectors.toMap(CronSchedule::name, Function.identity()));
        Map<String, CronSchedule> after =
                current.stream().collect(Collectors.toMap(CronSchedule::name, Function.identity()));
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        after.forEach((name, schedule) -> {
            if (before.containsKey(name) && !before.get(name).equals(schedule)) {
                changed.add(name);
            }
        });
        return current.size() + " schedules, added " + added + ", removed " + removed + ", changed " + changed;
    }
}
