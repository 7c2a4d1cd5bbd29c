package com.jobladder.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.testsupport.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scheduler migrate --outbox-jdbc-url} adds the outbox to an application database that has tables of its own. */
@Tag("integration")
class MigrateOutboxTest {
    @TempDir
    Path dir;

    @Test
    void migrateCreatesTheOutboxBesideTheApplicationsTablesInPostgresqlOnceOnly() throws Exception {
        String url = TestPostgres.createDatabase("outbox_migrate");
        migrateTwice(url, TestPostgres.USER, TestPostgres.PASSWORD);
    }

    @Test
    void migrateCreatesTheOutboxInAnH2Database() throws Exception {
        migrateTwice("jdbc:h2:file:" + dir.resolve("shop"), "sa", "");
    }

    private static void migrateTwice(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY)");
        }

        SchedulerCliTest.Run first = SchedulerCliTest.run("migrate", "--outbox-jdbc-url", url, "--outbox-user", user);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("outbox table in").contains("is up to date (1 migrations applied)");
        SchedulerCliTest.Run second = SchedulerCliTest.run("migrate", "--outbox-jdbc-url", url, "--outbox-user", user);
        assertThat(second.out()).as(second.err()).contains("(0 migrations applied)");

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM jobladder_outbox")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }
}
