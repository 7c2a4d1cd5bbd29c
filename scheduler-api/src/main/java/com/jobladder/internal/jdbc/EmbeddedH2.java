package com.jobladder.internal.jdbc;

import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.ConfigurationException;
import com.jobladder.internal.config.Secrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 database to its owner. H2's auto-server (how the CLI reads the file
 * while a worker holds it) listens on every interface, and H2's default admin {@code sa} has
 * no password; whoever logs in can also run Java in the worker ({@code CREATE ALIAS}). So:
 * the auto-server is bound to loopback (or not started), the database gets an admin
 * {@code JOBLADDER} with a generated password kept in {@code <database>.secret} (rw-------), a
 * file made by an older JobLadder without a password gets one once, and the database's files
 * are made owner-only. docs/audit-store.md, "Access".
 */
final class EmbeddedH2 {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedH2.class);
    static final String FILE_URL = "jdbc:h2:file:";
    static final String USER = "JOBLADDER";
    private static final String LEGACY_USER = "sa";
    /** H2's wrong user name or password. */
    private static final String WRONG_PASSWORD = "28000";

    private static final String BIND_ADDRESS = "h2.bindAddress";
    private static final Pattern AUTO_SERVER = Pattern.compile("(?i);AUTO_SERVER=TRUE");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the pool connects with. */
    private EmbeddedH2() {}

    static boolean isFile(String jdbcUrl) {
        return jdbcUrl.startsWith(FILE_URL);
    }

    /**
     * Makes the URL absolute, the directory and the secret exist, the auto-server loopback-only
     * and the login work (setting a password on a database that had none), and returns how to
     * connect. With a password configured, the configured user and password are used as given.
     */
    static DatabaseLogin prepare(AuditSettings settings, Path dataDir) {
        String url = autoServerOnLoopbackOnly(absoluteUrl(settings.jdbcUrl()));
        Path database = databasePath(url);
        createDirectory(database.getParent() != null ? database.getParent() : dataDir);
        if (!settings.password().isEmpty()) {
            return new DatabaseLogin(url, settings.username(), settings.password());
        }
        String user = settings.username();
        if (!user.isEmpty() && !user.equalsIgnoreCase(LEGACY_USER) && !user.equalsIgnoreCase(USER)) {
            throw new ConfigurationException("jobladder.audit.username = " + user + " is set without"
                    + " jobladder.audit.password: for the embedded H2 database leave both empty (JobLadder generates"
                    + " the password and keeps it in " + secretFile(database) + ") or set both");
        }
        Path secretFile = secretFile(database);
        String secret = readOrCreateSecret(secretFile);
        logIn(url, database, secretFile, secret);
        return new DatabaseLogin(url, USER, secret);
    }

    /**
     * For a client that must find the workers' database, never make one: the URL gets
     * {@code IFEXISTS=TRUE}, the secret must be there already, and a database is neither created
     * nor given a password. With a password configured, the configured credentials are used.
     */
    static DatabaseLogin prepareExisting(AuditSettings settings) {
        String url = autoServerOnLoopbackOnly(absoluteUrl(settings.jdbcUrl())) + ";IFEXISTS=TRUE";
        if (!settings.password().isEmpty()) {
            return new DatabaseLogin(url, settings.username(), settings.password());
        }
        Path secretFile = secretFile(databasePath(url));
        if (!Files.isRegularFile(secretFile)) {
            throw new AuditUnavailableException(
                    "no audit store at " + Secrets.redact(settings.jdbcUrl()) + " ("
                            + secretFile
                            + " does not exist: no worker or `scheduler migrate` has opened it yet, or this"
                            + " user may not read it): point jobladder.audit.jdbc-url at the workers' database",
                    null);
        }
        return new DatabaseLogin(url, USER, readOrCreateSecret(secretFile));
    }

    /** {@code <database>.secret}: with the default URL, {@code <data-dir>/audit.secret}. */
    static Path secretFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".secret");
    }

    /**
     * Once the pool holds the database open: its files owner-only (the lock file names the
     * auto-server's port and key).
     */
    static void restrictFiles(String url) {
        Path database = databasePath(url);
        for (String suffix : new String[] {".mv.db", ".lock.db", ".trace.db"}) {
            Path file = database.resolveSibling(database.getFileName() + suffix);
            try {
                if (posix() && Files.exists(file)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
            } catch (IOException e) {
                log.warn(
                        "Audit store - cannot make {} owner-only ({}); other local users may read it",
                        file,
                        e.getMessage());
            }
        }
    }

    /**
     * H2 refuses a file path relative to the working directory unless it starts with ./, so
     * {@code data/audit} from the configuration is made absolute here, where it is unambiguous.
     */
    static String absoluteUrl(String jdbcUrl) {
        String[] pathAndOptions = jdbcUrl.substring(FILE_URL.length()).split(";", 2);
        String path = pathAndOptions[0];
        if (path.startsWith("~") || Path.of(path).isAbsolute()) {
            return jdbcUrl;
        }
        return FILE_URL
                + Path.of(path).toAbsolutePath().normalize()
                + (pathAndOptions.length > 1 ? ";" + pathAndOptions[1] : "");
    }

    static Path databasePath(String url) {
        String path = url.substring(FILE_URL.length()).split(";", 2)[0];
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path).toAbsolutePath();
    }

    /**
     * H2 binds its servers to {@code h2.bindAddress}, read once when H2 is first used in the
     * JVM: set here before that, unless the operator chose one. If H2 was already loaded without
     * it, or with another address, the database is opened without the auto-server.
     */
    static String autoServerOnLoopbackOnly(String url) {
        if (!AUTO_SERVER.matcher(url).find()) {
            return url;
        }
        String bound = bindToLoopback();
        if (isLoopback(bound)) {
            return url;
        }
        log.warn(
                "Audit store - H2 would serve {} on {} (h2.bindAddress, fixed when H2 was first loaded in this JVM),"
                        + " not on loopback: opening it without AUTO_SERVER, so the CLI cannot read it while this process"
                        + " holds it",
                databasePath(url),
                bound == null ? "every interface" : bound);
        return AUTO_SERVER.matcher(url).replaceAll("");
    }

    /** Sets {@code h2.bindAddress} to 127.0.0.1 unless the operator set it; returns what H2 binds to. */
    static String bindToLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
        return org.h2.engine.SysProperties.BIND_ADDRESS;
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String readOrCreateSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                writeSecret(file);
            }
            if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn(
                        "Audit store - {} was readable by others ({}); made it owner-only",
                        file,
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String secret = Files.readString(file).strip();
            if (secret.isEmpty()) {
                throw new AuditUnavailableException(
                        file + " is empty: expected the password of the H2 audit database."
                                + " Restore it from a backup (a new one cannot open the existing database)",
                        null);
            }
            return secret;
        } catch (IOException e) {
            throw new AuditUnavailableException(
                    "cannot read or create the H2 audit database's password file " + file + ": " + e.getMessage()
                            + " (it must be readable and writable by the worker's user)",
                    e);
        }
    }

    /** Written to a private temporary file and linked into place, so two processes starting at once agree. */
    private static void writeSecret(Path file) throws IOException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path temporary = posix()
                ? Files.createTempFile(
                        file.getParent(), ".audit-secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.getParent(), ".audit-secret", ".tmp");
        try {
            Files.writeString(temporary, secret + "\n");
            Files.createLink(file, temporary);
            log.info("Audit store - generated the H2 audit database's password into {} (owner-only)", file);
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            // Theirs is the one: read below.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Logs in as {@link #USER} (creating the database if there is none yet). A database made
     * before JobLadder set passwords lets {@code sa} in without one: give it the admin and the
     * secret, and drop {@code sa}, once.
     */
    private static void logIn(String url, Path database, Path secretFile, String secret) {
        try {
            DriverManager.getConnection(url, USER, secret).close();
            return;
        } catch (SQLException e) {
            if (!WRONG_PASSWORD.equals(e.getSQLState())) {
                throw new AuditUnavailableException(
                        "cannot open the H2 audit database " + database + ": " + e.getMessage(), e);
            }
        }
        String password = "'" + secret.replace("'", "''") + "'";
        try (Connection legacy = DriverManager.getConnection(url, LEGACY_USER, "");
                Statement statement = legacy.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + USER + " PASSWORD " + password + " ADMIN");
            statement.execute("ALTER USER " + USER + " SET PASSWORD " + password);
        } catch (SQLException e) {
            throw new AuditUnavailableException(
                    "cannot log in to the H2 audit database " + database + " as " + USER
                            + " with the password in " + secretFile + " (" + e.getMessage()
                            + "). If that file was replaced"
                            + " or lost, restore it from a backup: the database accepts only the password it was given",
                    e);
        }
        try (Connection admin = DriverManager.getConnection(url, USER, secret);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP USER IF EXISTS " + LEGACY_USER.toUpperCase(Locale.ROOT));
        } catch (SQLException e) {
            throw new AuditUnavailableException(
                    "set a password on the H2 audit database " + database
                            + " but cannot remove its passwordless user sa: " + e.getMessage(),
                    e);
        }
        log.info(
                "Audit store - the H2 database {} had no password: it now has admin {} with the password in {},"
                        + " and no user sa",
                database,
                USER,
                secretFile);
    }

    private static void createDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                if (posix()) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new AuditUnavailableException(
                    "cannot create the audit data directory " + directory + ": " + e.getMessage()
                            + " (set jobladder.data-dir to a writable place)",
                    e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
