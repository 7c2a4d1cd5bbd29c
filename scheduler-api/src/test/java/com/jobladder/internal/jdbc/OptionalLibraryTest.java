package com.jobladder.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.internal.config.ConfigurationException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class OptionalLibraryTest {
    /** Sees the JDK only, as an application's class path without the drivers would. */
    private static final ClassLoader WITHOUT_DRIVERS =
            new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

    @Test
    void aMissingH2DriverIsNamedWithTheArtifactThatBringsIt() {
        assertThatThrownBy(() -> OptionalLibrary.requireDriver(
                        "jdbc:h2:file:/var/lib/jobladder/audit;AUTO_SERVER=TRUE", WITHOUT_DRIVERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the audit store at jdbc:h2:file:/var/lib/jobladder/audit;AUTO_SERVER=TRUE"
                        + " (jobladder.audit.jdbc-url) needs the JDBC driver org.h2.Driver, which is not on the class"
                        + " path: add com.h2database:h2 to the application's dependencies (runtime scope is enough)");
    }

    @Test
    void aMissingPostgresqlDriverIsNamedAndTheUrlsPasswordIsNot() {
        assertThatThrownBy(() ->
                        OptionalLibrary.requireDriver("jdbc:postgresql://db/jobs?password=hunter2", WITHOUT_DRIVERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs the JDBC driver org.postgresql.Driver")
                .hasMessageContaining("add org.postgresql:postgresql to the application's dependencies")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void driversOnTheClassPathPass() {
        ClassLoader application = OptionalLibraryTest.class.getClassLoader();
        assertThatCode(() -> OptionalLibrary.requireDriver("jdbc:h2:mem:audit", application))
                .doesNotThrowAnyException();
        assertThatCode(() -> OptionalLibrary.requireDriver("jdbc:postgresql://db/jobs", application))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherDatabasesDriverIsLeftToTheApplication() {
        assertThatCode(() -> OptionalLibrary.requireDriver("jdbc:mysql://db/jobs", WITHOUT_DRIVERS))
                .doesNotThrowAnyException();
    }
}
