package com.jobladder.internal.jdbc;

import com.jobladder.internal.config.ConfigurationException;
import com.jobladder.internal.config.Secrets;
import java.util.Optional;

/**
 * A library scheduler-api uses but does not bring to an application: JDBC drivers are the
 * application's choice. Checked before use, so
 * that a missing one is named with the artifact that brings it, not met as a NoClassDefFoundError
 * deep inside a status look-up.
 */
enum OptionalLibrary {
    H2("org.h2.Driver", "com.h2database:h2"),
    POSTGRESQL("org.postgresql.Driver", "org.postgresql:postgresql");

    private final String className;
    private final String artifact;

    OptionalLibrary(String className, String artifact) {
        this.className = className;
        this.artifact = artifact;
    }

    /** The driver JobLadder knows for a JDBC URL; another database's driver is the application's affair. */
    static Optional<OptionalLibrary> driverFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.of(H2);
        }
        return jdbcUrl.startsWith("jdbc:postgresql:") ? Optional.of(POSTGRESQL) : Optional.empty();
    }

    /** Fails unless the driver the URL needs is on the class path of {@code loader}. */
    static void requireDriver(String jdbcUrl, ClassLoader loader) {
        driverFor(jdbcUrl)
                .ifPresent(driver -> driver.require(
                        loader,
                        "the audit store at " + Secrets.redact(jdbcUrl)
                                + " (jobladder.audit.jdbc-url) needs the JDBC driver " + driver.className));
    }

    private void require(ClassLoader loader, String neededFor) {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(
                    neededFor + ", which is not on the class path: add " + artifact
                            + " to the application's dependencies (runtime scope is enough)",
                    e);
        }
    }
}
