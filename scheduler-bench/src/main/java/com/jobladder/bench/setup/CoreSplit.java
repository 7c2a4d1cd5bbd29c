package com.jobladder.bench.setup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the private broker node a core of its own: the node on the machine's last core, this JVM and
 * every local PostgreSQL process on the others ({@code taskset}, all threads; PostgreSQL's new
 * backends inherit the postmaster's mask). It separates what the broker can do from what a machine
 * shared with its clients lets it do. Closing gives PostgreSQL every core back; the node is
 * deleted anyway and this JVM ends with the scenario.
 */
final class CoreSplit implements AutoCloseable {
    private final String allCores;
    private final List<Long> postgres;

    private CoreSplit(String allCores, List<Long> postgres) {
        this.allCores = allCores;
        this.postgres = postgres;
    }

    static CoreSplit apply(long nodePid) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            throw new IllegalStateException("--split-cores needs at least 2 cores; this machine has " + cores);
        }
        String brokerCore = Integer.toString(cores - 1);
        String clientCores = cores == 2 ? "0" : "0-" + (cores - 2);
        List<Long> postgres = postgresPids();
        pin(brokerCore, nodePid);
        pin(clientCores, ProcessHandle.current().pid());
        for (long pid : postgres) {
            pin(clientCores, pid);
        }
        System.out.printf(
                "cores split: the broker node (pid %d) on core %s; this JVM and %d PostgreSQL processes on"
                        + " core %s%n",
                nodePid, brokerCore, postgres.size(), clientCores);
        return new CoreSplit("0-" + (cores - 1), postgres);
    }

    @Override
    public void close() throws IOException {
        for (long pid : postgres) {
            pin(allCores, pid);
        }
    }

    private static List<Long> postgresPids() throws IOException {
        Process pgrep = new ProcessBuilder("pgrep", "-x", "postgres")
                .redirectErrorStream(true)
                .start();
        List<Long> pids = new ArrayList<>();
        for (String line : new String(pgrep.getInputStream().readAllBytes()).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    private static void pin(String cpus, long pid) throws IOException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        try {
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IOException("taskset -a -p -c " + cpus + " " + pid + " failed: "
                        + new String(taskset.getInputStream().readAllBytes()).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning pid " + pid, e);
        }
    }
}
