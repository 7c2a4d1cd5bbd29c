package com.jobladder.bench.setup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * A private PostgreSQL database for one run ({@code jobladder_bench_<random>}), created on open
 * and dropped on close, with a pooled data source and the {@code bench.bench_audit} table that the
 * peers' handlers write one row per execution into (JobLadder writes its own audit rows).
 */
public final class BenchDatabase implements AutoCloseable {
    private final BenchOptions options;
    private final String name;
    private final String url;
    private HikariDataSource dataSource;

    private BenchDatabase(BenchOptions options, String name) {
        this.options = options;
        this.name = name;
        this.url = options.pgUrl.substring(0, options.pgUrl.lastIndexOf('/') + 1) + name;
    }

    public static BenchDatabase create(BenchOptions options, int poolSize) throws SQLException {
        String name = "jobladder_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection(options.pgUrl, options.pgUser, options.pgPassword);
                Statement st = admin.createStatement()) {
            st.execute("create database " + name);
        }
        BenchDatabase db = new BenchDatabase(options, name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setUsername(options.pgUser);
        config.setPassword(options.pgPassword);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bench-" + name);
        db.dataSource = new HikariDataSource(config);
        // its own schema: JobLadder's Flyway migrations refuse a non-empty public schema
        db.execute("create schema bench");
        db.execute("create table bench.bench_audit (job_id varchar(200) not null, due_at timestamptz not null,"
                + " started timestamptz not null, lateness_ms bigint not null)");
        return db;
    }

    public String url() {
        return url;
    }

    String name() {
        return name;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The peers' "no-op handler writing an audit row": one autocommit insert per execution. */
    public void audit(String jobId, long dueAtMillis) {
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into bench.bench_audit values (?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setTimestamp(2, new Timestamp(dueAtMillis));
            ps.setTimestamp(3, new Timestamp(now));
            ps.setLong(4, now - dueAtMillis);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("audit insert for " + jobId + " failed in " + name, e);
        }
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
        try (Connection admin = DriverManager.getConnection(options.pgUrl, options.pgUser, options.pgPassword);
                Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop the benchmark database " + name + ": " + e.getMessage());
        }
    }
}
