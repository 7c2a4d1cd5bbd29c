package com.jobladder.testsupport;

import com.jobladder.internal.config.AuditSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The shared PostgreSQL at 127.0.0.1:5432 (user and password {@code postgres}, as
 * {@code bin/ensure-services} sets up). Every test takes a database of its own, named under this
 * run's prefix; at exit the run drops every database it created.
 */
public final class TestPostgres {
    public static final String HOST = System.getProperty("jobladder.test.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("jobladder.test.pg.port", 5432);
    public static final String USER = System.getProperty("jobladder.test.pg.user", "postgres");
    public static final String PASSWORD = System.getProperty("jobladder.test.pg.password", "postgres");
    /** Lower case: PostgreSQL folds unquoted names, and these are used unquoted in psql by hand. */
    public static final String RUN_PREFIX =
            "jltest_" + UUID.randomUUID().toString().substring(0, 6) + "_";

    private static volatile boolean started;

    private TestPostgres() {}

    /** Creates an empty database of the test's own and returns its JDBC URL. */
    public static String createDatabase(String word) {
        start();
        String name = RUN_PREFIX + word.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + name);
        return url(name);
    }

    /** Audit settings for the given database, keeping the rest of {@code base}. */
    public static AuditSettings audit(AuditSettings base, String jdbcUrl) {
        return base.withJdbcUrl(jdbcUrl, USER, PASSWORD);
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static synchronized void start() {
        if (started) {
            return;
        }
        try (Connection ignored = admin()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropDatabasesOfThisRun, "drop-test-dbs"));
            started = true;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not reachable at " + HOST + ":" + PORT + " as " + USER
                            + " (" + e.getMessage()
                            + "). The tests need it: run ./bin/test, which starts or installs it,"
                            + " or start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`",
                    e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(url("postgres"), USER, PASSWORD);
    }

    private static void execute(String sql) {
        try (Connection connection = admin();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void dropDatabasesOfThisRun() {
        try (Connection connection = admin();
                Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT datname FROM pg_database WHERE starts_with(datname, '" + RUN_PREFIX + "')")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("TestPostgres: dropping this run's databases failed (" + e.getMessage()
                    + "); drop the databases named " + RUN_PREFIX + "* by hand");
        }
    }
}
