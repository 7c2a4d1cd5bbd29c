package com.jobladder.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Application databases with the outbox table, made from the shipped script (sql/outbox). */
public final class TestOutbox {
    private TestOutbox() {}

    /** A pool over a PostgreSQL database of the test's own (dropped at exit) that holds the outbox table. */
    public static HikariDataSource postgres(String word) {
        return withTable(pool(TestPostgres.createDatabase(word), TestPostgres.USER, TestPostgres.PASSWORD));
    }

    /** A pool over an in-memory H2 database of the test's own that holds the outbox table. */
    public static HikariDataSource h2(String word) {
        return withTable(pool("jdbc:h2:mem:" + word + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    public static HikariDataSource pool(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /** The rows in the outbox table. */
    public static int rows(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM jobladder_outbox")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource withTable(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // A table of the application's own beside the outbox, as in a real application database.
            statement.execute("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, total INT NOT NULL)");
            String withoutComments = script().lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            for (String sql : withoutComments.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            dataSource.close();
            throw new IllegalStateException("cannot create the outbox table: " + e.getMessage(), e);
        }
        return dataSource;
    }

    private static String script() {
        try (InputStream in = TestOutbox.class.getResourceAsStream("/db/outbox/V1__job_outbox.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/outbox/V1__job_outbox.sql is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
