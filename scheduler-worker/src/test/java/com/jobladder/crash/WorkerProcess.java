package com.jobladder.crash;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A worker daemon in a JVM of its own, started with this test run's classpath. */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Whether the worker's log holds {@code text} yet. */
    boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The worker's log lines that contain {@code text}. */
    List<String> logLinesWith(String text) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(text))
                .toList();
    }

    /** The last lines the worker wrote, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static WorkerProcess start(Path conf, Path log) throws IOException {
        return start(log, List.of("com.jobladder.internal.cli.SchedulerCli", "worker", "--conf", conf.toString()));
    }

    /** A worker whose clock runs {@code skew} ahead of this host's (behind, if negative); see {@link SkewedWorker}. */
    static WorkerProcess startSkewed(Path conf, Path log, java.time.Duration skew) throws IOException {
        return start(log, List.of(SkewedWorker.class.getName(), conf.toString(), Long.toString(skew.toMillis())));
    }

    private static WorkerProcess start(Path log, List<String> main) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classPath.replace(';', File.pathSeparatorChar)));
        command.addAll(main);
        ProcessBuilder builder = new ProcessBuilder(command);
        // Several workers share one conf file here: each takes any free HTTP port.
        builder.environment().put("JOBLADDER_HTTP_PORT", "0");
        Process process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new WorkerProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no flush, no ack. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting: the test watches what the stopping worker does meanwhile. */
    void sigterm() {
        process.destroy();
    }

    /** SIGTERM, as an init system stops a daemon; waits for the exit code. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        sigterm();
        return awaitExit(timeoutSeconds);
    }

    /** Waits for the exit code after a {@link #sigterm()}, without signalling again (a second signal forces). */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the worker did not exit within " + timeoutSeconds + " s of SIGTERM");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
