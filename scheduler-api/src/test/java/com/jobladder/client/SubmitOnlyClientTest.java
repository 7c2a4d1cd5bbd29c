package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class SubmitOnlyClientTest {
    @TempDir
    Path dataDir;

    @Test
    void buildingAClientAndSchedulingCreatesNoFile() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("submit-only"), dataDir);
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("ping").after(Duration.ofSeconds(1)));
        }

        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void statusWithoutTheWorkersH2StoreSaysWhereItLookedAndCreatesNothing() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("no-store"), dataDir);
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            assertThatThrownBy(() -> scheduler.status("invoice-1"))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessageStartingWith("no audit store at jdbc:h2:file:" + dataDir)
                    .hasMessageEndingWith(": point jobladder.audit.jdbc-url at the workers' database");
            assertThatThrownBy(() -> scheduler.cancel("invoice-1")).hasMessageStartingWith("no audit store at");
        }

        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void statusAgainstAnEmptyPostgresDatabaseSaysSoAndMigratesNothing() throws Exception {
        String url = TestPostgres.createDatabase("empty");
        SchedulerConfig direct = TestBroker.config(TestBroker.uniqueNamespace("empty-db"), dataDir);
        SchedulerConfig config = direct.withAudit(TestPostgres.audit(direct.audit(), url));
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            assertThatThrownBy(() -> scheduler.status("invoice-1"))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessage("no audit store at " + url + " (table job_attempt does not exist): point"
                            + " jobladder.audit.jdbc-url at the workers' database");
        }

        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                ResultSet tables = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            assertThat(tables.next())
                    .as("a table in the database the client looked at")
                    .isFalse();
        }
    }
}
