package com.jobladder.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: its own data directory and port, so a test can stop it
 * like a crash and start it again without touching the shared one. Uses the locally installed
 * server binaries; PostgreSQL refuses to run as root, so as root it runs as the postgres user.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final Path BINARIES = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path home;
    private final int port;
    private final List<String> wrapper;

    private PrivatePostgres(Path bin, Path home, int port, List<String> wrapper) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.wrapper = List.copyOf(wrapper);
    }

    /** initdb (trust authentication, user postgres) and start. */
    public static PrivatePostgres start() throws IOException {
        return startUnder(List.of());
    }

    /**
     * As {@link #start()}, with the server's clock off by {@code offset} ({@code "+2"}: 2 s ahead), by
     * Debian's faketime package. Its library is preloaded, not its {@code faketime} command, which waits
     * for every process it started: the server too.
     */
    public static PrivatePostgres startWithFakeTime(String offset) throws IOException {
        return startUnder(List.of("env", "LD_PRELOAD=" + fakeTimeLibrary(), "FAKETIME=" + offset));
    }

    private static String fakeTimeLibrary() throws IOException {
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib"))) {
            return libs.map(dir -> dir.resolve("faketime").resolve("libfaketime.so.1"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no libfaketime.so.1 under /usr/lib/*/faketime: the"
                            + " skewed-database test needs it. Install it: sudo apt-get install faketime"))
                    .toString();
        }
    }

    private static PrivatePostgres startUnder(List<String> wrapper) throws IOException {
        Path bin = newestBinaries();
        Path home = Files.createTempDirectory(
                "jobladder-pg-" + UUID.randomUUID().toString().substring(0, 8));
        PrivatePostgres server = new PrivatePostgres(bin, home, freePort(), wrapper);
        try {
            if (runningAsRoot()) {
                Commands.run(List.of("chown", "-R", "postgres:postgres", home.toString()), Map.of(), true);
            }
            server.asOwner(List.of(
                    bin.resolve("initdb").toString(),
                    "-D",
                    server.dataDir(),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync"));
            server.startServer();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server (again) on the same port and data directory; returns once it accepts connections. */
    public void startServer() throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dataDir(),
                "-l",
                home.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        asOwner(command);
    }

    /** Stops at once, as a crash would: open connections are cut, nothing is shut down cleanly. */
    public void stopImmediately() throws IOException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir(), "-m", "immediate", "-w", "stop"));
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(home.resolve("data").resolve("postmaster.pid"))) {
                stopImmediately();
            }
        } finally {
            Commands.run(List.of("rm", "-rf", home.toString()), Map.of(), false);
        }
    }

    private String dataDir() {
        return home.resolve("data").toString();
    }

    private void asOwner(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Commands.run(full, Map.of(), true);
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path newestBinaries() throws IOException {
        if (Files.isDirectory(BINARIES)) {
            try (Stream<Path> versions = Files.list(BINARIES)) {
                Path newest = versions.filter(
                                v -> Files.isExecutable(v.resolve("bin").resolve("pg_ctl")))
                        .max(Comparator.comparingInt(
                                v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries under " + BINARIES + " (initdb, pg_ctl): the"
                + " database outage test starts a server of its own. Install them: sudo apt-get install postgresql");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
