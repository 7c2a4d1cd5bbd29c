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

    /**
     * An application database: its pool, typed as the application sees it (so that a module which
     * does not declare HikariCP can use it too).
     */
    public static final class Database implements AutoCloseable {
        private final HikariDataSource pool;

        private Database(HikariDataSource pool) {
            this.pool = pool;
        }

        public DataSource dataSource() {
            return pool;
        }

        public String url() {
            return pool.getJdbcUrl();
        }

        /** The rows in the outbox table. */
        public int rows() {
            return TestOutbox.rows(pool);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /** A PostgreSQL database of the test's own (dropped at exit) that holds the outbox table. */
    public static Database postgres(String word) {
        return withTable(open(TestPostgres.createDatabase(word), TestPostgres.USER, TestPostgres.PASSWORD));
    }

    /** An in-memory H2 database of the test's own that holds the outbox table. */
    public static Database h2(String word) {
        return withTable(open("jdbc:h2:mem:" + word + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    /** A pool over a database as it is. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        return new Database(new HikariDataSource(config));
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

    private static Database withTable(Database database) {
        DataSource dataSource = database.dataSource();
        try {
            // A table of the application's own beside the outbox, as in a real application database.
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, total INT NOT NULL)");
            }
            createTable(dataSource);
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("cannot create the outbox table: " + e.getMessage(), e);
        }
        return database;
    }

    /** Runs the shipped script, {@code db/jobladder/outbox/V1__job_outbox.sql}, on the database. */
    public static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            String withoutComments = script().lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            for (String sql : withoutComments.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static String script() {
        try (InputStream in = TestOutbox.class.getResourceAsStream("/db/jobladder/outbox/V1__job_outbox.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/jobladder/outbox/V1__job_outbox.sql is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
