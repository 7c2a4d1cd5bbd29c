package com.jobladder.bench.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

/** The machine and service versions a table was measured on, printed above every run. */
public final class Environment {
    private Environment() {}

    public static String describe(BenchOptions options) {
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            memKb = -1;
        }
        return String.format(
                "machine: %d cores, %.1f GiB RAM, %s; Java %s (max heap %d MiB); RabbitMQ %s; %s; mode %s",
                Runtime.getRuntime().availableProcessors(),
                memKb / 1048576.0,
                cpuModel(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576,
                command("rabbitmqctl", "version"),
                postgresVersion(options),
                options.mode());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String postgresVersion(BenchOptions options) {
        try (Connection c = DriverManager.getConnection(options.pgUrl, options.pgUser, options.pgPassword);
                ResultSet rs = c.createStatement().executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "PostgreSQL unreachable (" + e.getMessage() + ")";
        }
    }

    static String command(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}
