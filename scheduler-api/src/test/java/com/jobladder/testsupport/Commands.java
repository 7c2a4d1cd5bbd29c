package com.jobladder.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools of the private servers (rabbitmqctl, pg_ctl, ...). */
final class Commands {
    private Commands() {}

    /** Runs {@code command} with {@code env} added, within 180 s; returns its output (stdout and stderr). */
    static String run(List<String> command, Map<String, String> env, boolean mustSucceed) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 180 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IOException(
                    String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output.trim());
        }
        return output;
    }
}
