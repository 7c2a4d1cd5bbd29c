package com.jobladder.audit;

import com.jobladder.config.AuditSettings;
import com.jobladder.config.Secrets;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the audit store: a HikariCP pool, the schema migrated by Flyway from {@code sql/}. */
public final class AuditStores {
    private static final Logger log = LoggerFactory.getLogger(AuditStores.class);
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private AuditStores() {
    }

    /**
     * Opens the store and migrates its schema. An embedded H2 file is opened as
     * {@link EmbeddedH2} describes: generated password, auto-server on loopback only.
     */
    public static AuditStore open(AuditSettings settings, Path dataDir) {
        HikariDataSource dataSource = dataSource(settings, dataDir);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new AuditUnavailableException("migrating the audit schema in " + Secrets.redact(settings.jdbcUrl())
                    + " failed: " + e.getMessage(), e);
        }
        log.info("Audit store - opened {}", Secrets.redact(settings.jdbcUrl()));
        return new JdbcAuditStore(dataSource);
    }

    /** The connection pool, with the embedded H2 database's access prepared; no schema work. */
    static HikariDataSource dataSource(AuditSettings settings, Path dataDir) {
        String url = settings.jdbcUrl();
        String user = settings.username();
        String password = settings.password();
        boolean embedded = EmbeddedH2.isFile(url);
        if (embedded) {
            EmbeddedH2.Access access = EmbeddedH2.prepare(settings, dataDir);
            url = access.url();
            user = access.user();
            password = access.password();
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("jobladder-audit");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        pool.setInitializationFailTimeout(CONNECT_TIMEOUT_MS);
        if (url.startsWith("jdbc:postgresql:")) {
            // The driver prepares a statement on the server after five uses, and PostgreSQL then
            // may keep one generic plan for it. Planned while the tables were new and unanalysed,
            // that plan scanned job_success whole for every batch's lookup: 1,700 executions/s
            // at 50,000 rows and falling (bin/bench audit). Custom plans use the indexes.
            pool.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
            // A batch's rows as multi-row INSERTs: +23 to +26 % executions/s in two A/B runs of
            // bin/bench audit (batches of 200). A parameter in the URL still wins.
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new AuditUnavailableException("cannot open the audit database " + Secrets.redact(settings.jdbcUrl())
                    + " (" + rootMessage(e) + "). Check that it runs and that jobladder.audit.jdbc-url, username and"
                    + " password (or JOBLADDER_AUDIT_*) are right", e);
        }
        if (embedded) {
            EmbeddedH2.restrictFiles(url);
        }
        return dataSource;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
