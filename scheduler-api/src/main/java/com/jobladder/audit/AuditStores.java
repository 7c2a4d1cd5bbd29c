package com.jobladder.audit;

import com.jobladder.config.AuditSettings;
import com.jobladder.config.Secrets;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the audit store: a HikariCP pool, the schema migrated by Flyway from {@code sql/}. */
public final class AuditStores {
    private static final Logger log = LoggerFactory.getLogger(AuditStores.class);
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final String H2_FILE = "jdbc:h2:file:";

    private AuditStores() {
    }

    public static AuditStore open(AuditSettings settings, Path dataDir) {
        return open(settings, dataDir, true);
    }

    /**
     * Opens the store the workers created, for a client's {@code status} and {@code cancel}:
     * never creates a database or migrates a schema (an H2 file is opened with
     * {@code IFEXISTS=TRUE}), and fails with "no audit store at ..." when there is none with the
     * schema.
     */
    public static AuditStore openExisting(AuditSettings settings, Path dataDir) {
        return open(settings, dataDir, false);
    }

    private static AuditStore open(AuditSettings settings, Path dataDir, boolean migrate) {
        String url = settings.jdbcUrl();
        if (url.startsWith(H2_FILE)) {
            url = absoluteH2Url(url);
            if (migrate) {
                createDirectoryOf(url, dataDir);
            } else {
                url = url + ";IFEXISTS=TRUE";
            }
        }
        if (!migrate) {
            ExistingSchema.require(url, settings);
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("jobladder-audit");
        pool.setJdbcUrl(url);
        pool.setUsername(settings.username());
        pool.setPassword(settings.password());
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
        try {
            if (migrate) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            }
        } catch (FlywayException e) {
            dataSource.close();
            throw new AuditUnavailableException("migrating the audit schema in " + Secrets.redact(settings.jdbcUrl())
                    + " failed: " + e.getMessage(), e);
        }
        log.info("Audit store - opened {}", Secrets.redact(settings.jdbcUrl()));
        return new JdbcAuditStore(dataSource);
    }

    /**
     * H2 refuses a file path relative to the working directory unless it starts with ./, so
     * {@code data/audit} from the configuration is made absolute here, where it is unambiguous.
     */
    static String absoluteH2Url(String jdbcUrl) {
        String[] pathAndOptions = jdbcUrl.substring(H2_FILE.length()).split(";", 2);
        String path = pathAndOptions[0];
        if (path.startsWith("~") || Path.of(path).isAbsolute()) {
            return jdbcUrl;
        }
        return H2_FILE + Path.of(path).toAbsolutePath().normalize()
                + (pathAndOptions.length > 1 ? ";" + pathAndOptions[1] : "");
    }

    /** H2 creates the file but not its directory. */
    private static void createDirectoryOf(String jdbcUrl, Path dataDir) {
        String path = jdbcUrl.substring(H2_FILE.length()).split(";", 2)[0];
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent != null ? parent : dataDir);
        } catch (IOException e) {
            throw new AuditUnavailableException("cannot create the audit data directory " + parent + ": "
                    + e.getMessage() + " (set jobladder.data-dir to a writable place)", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
