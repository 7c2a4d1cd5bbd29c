package com.jobladder.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobState;
import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.ConfigurationException;
import com.jobladder.testsupport.TestAuditStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database, on real files and its real TCP auto-server: nobody without the
 * generated secret gets in, and the server listens on loopback only.
 */
class H2AccessTest {
    @TempDir
    Path dir;

    @Test
    void theAutoServerRefusesAConnectionWithoutTheSecretAndListensOnLoopbackOnly() throws Exception {
        try (JobStatusStore ignored = TestAuditStore.create(defaults(), dir)) {
            Properties lock = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve("audit.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            String tcp = "jdbc:h2:tcp://" + server + "/" + lock.getProperty("id");
            String secret = Files.readString(dir.resolve("audit.secret")).strip();

            assertRefused(tcp, "sa", "");
            assertRefused(tcp, "JOBLADDER", "");
            assertRefused(tcp, "JOBLADDER", secret + "x");
            try (Connection owner = DriverManager.getConnection(tcp, "JOBLADDER", secret);
                    Statement statement = owner.createStatement()) {
                assertThat(statement
                                .executeQuery("SELECT COUNT(*) FROM job_attempt")
                                .next())
                        .as("the same port and key with the secret get in: the refusals above were the server's")
                        .isTrue();
            }
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertThat(listeningAddresses(port))
                    .isNotEmpty()
                    .allSatisfy(address -> assertThat(address)
                            .as("the auto-server's listening address (/proc/net/tcp*)")
                            .isIn(LOOPBACK_V4, LOOPBACK_V4_IN_V6));
        }
    }

    @Test
    void theSecretAndTheDatabaseFilesAreOwnerOnly() throws Exception {
        try (JobStatusStore ignored = TestAuditStore.create(defaults(), dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit.secret"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit.mv.db"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit.lock.db"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aSecretFileOthersCouldReadIsMadeOwnerOnly() throws Exception {
        TestAuditStore.create(defaults(), dir).close();
        Files.setPosixFilePermissions(dir.resolve("audit.secret"), PosixFilePermissions.fromString("rw-r--r--"));
        TestAuditStore.create(defaults(), dir).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit.secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDatabaseMadeWithoutAPasswordGetsTheSecretOnceAndSaNoLongerGetsIn() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("audit");
        // This test loads H2 itself: first fix H2's bind address as a worker would, for the tests after it.
        EmbeddedH2.bindToLoopback();
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/jobladder/audit")
                .load()
                .migrate();
        try (Connection old = DriverManager.getConnection(url, "sa", "");
                Statement statement = old.createStatement()) {
            statement.execute("INSERT INTO job_cancel (job_id, cancelled_at) VALUES ('kept', CURRENT_TIMESTAMP)");
        }

        try (JobStatusStore store = TestAuditStore.create(defaults(), dir)) {
            assertThat(store.status("kept").state()).isEqualTo(JobState.CANCELLED);
            assertRefused(url, "sa", "");
        }
        try (JobStatusStore again = TestAuditStore.create(defaults(), dir)) {
            assertThat(again.status("kept").state()).isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void aLostSecretIsAClearErrorNotANewDatabase() throws Exception {
        TestAuditStore.create(defaults(), dir).close();
        Files.writeString(dir.resolve("audit.secret"), "not-the-password\n");

        assertThatThrownBy(() -> TestAuditStore.create(defaults(), dir))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("with the password in " + dir.resolve("audit.secret"))
                .hasMessageContaining("restore it from a backup");
    }

    @Test
    void aClientFindsTheExistingDatabaseWithTheSecretAndNeverCreatesOne() throws Exception {
        assertThatThrownBy(() -> EmbeddedH2.prepareExisting(defaults()))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageStartingWith("no audit store at jdbc:h2:file:" + dir.resolve("audit"))
                .hasMessageEndingWith(": point jobladder.audit.jdbc-url at the workers' database");
        assertThat(dir.resolve("audit.secret")).doesNotExist();

        try (JobStatusStore ignored = TestAuditStore.create(defaults(), dir)) {
            DatabaseLogin access = EmbeddedH2.prepareExisting(defaults());
            assertThat(access.url()).endsWith(";IFEXISTS=TRUE");
            try (Connection client = DriverManager.getConnection(access.url(), access.user(), access.password())) {
                assertThat(client.isValid(1)).isTrue();
            }
            try (JobStatusStore client = new JdbcJobStatusStore(AuditDatabases.openExisting(defaults(), dir))) {
                assertThat(client.status("invoice-1").state()).isEqualTo(JobState.PENDING);
            }
        }
    }

    @Test
    void aUsernameWithoutAPasswordIsRefusedSayingWhatToSet() {
        AuditSettings bob = defaults().withJdbcUrl(defaults().jdbcUrl(), "bob", "");
        assertThatThrownBy(() -> TestAuditStore.create(bob, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.audit.username = bob is set without jobladder.audit.password");
    }

    @Test
    void onlyLoopbackAddressesCountAsLoopback() {
        assertThat(EmbeddedH2.isLoopback("127.0.0.1")).isTrue();
        assertThat(EmbeddedH2.isLoopback("::1")).isTrue();
        assertThat(EmbeddedH2.isLoopback(null)).isFalse();
        assertThat(EmbeddedH2.isLoopback("0.0.0.0")).isFalse();
    }

    private static final String LOOPBACK_V4 = "0100007F";
    private static final String LOOPBACK_V4_IN_V6 = "0000000000000000FFFF00000100007F";

    /** The local addresses of sockets listening on {@code port}, hex as the kernel shows them. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(":" + hexPort) && "0A".equals(fields[3])) {
                    addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, user, password).close())
                .as("%s with password \"%s\"", user, password)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }

    /** The shipped default: an H2 file with the auto-server, no user or password configured. */
    private AuditSettings defaults() {
        AuditSettings reference = ConfigLoader.defaults(Map.of()).audit();
        return reference.withJdbcUrl(
                "jdbc:h2:file:" + dir.resolve("audit") + ";AUTO_SERVER=TRUE",
                reference.username(),
                reference.password());
    }
}
