package com.jobladder.example.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduledJob;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestOutbox;
import com.jobladder.testsupport.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code jobladder.outbox.enabled} against the real broker and PostgreSQL: a job scheduled in a
 * {@code @Transactional} method is written into the outbox with the method's rows and runs if and only if the
 * transaction commits; outside a transaction it is published directly.
 */
@Tag("integration")
@SpringBootTest
class TransactionalScheduleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private JobScheduler scheduler;

    @Autowired
    private GreetingHandler handler;

    @Autowired
    private Orders orders;

    @Autowired
    private DataSource dataSource;

    /** An application service: an order row and its greeting job, in one transaction. */
    static class Orders {
        private final JdbcTemplate jdbc;
        private final JobScheduler scheduler;

        Orders(JdbcTemplate jdbc, JobScheduler scheduler) {
            this.jdbc = jdbc;
            this.scheduler = scheduler;
        }

        @Transactional
        public ScheduledJob place(String orderId, String name) {
            jdbc.update("INSERT INTO orders (id, total) VALUES (?, 1)", orderId);
            return scheduler.schedule(Greeting.JOB_TYPE
                    .with(new Greeting(name))
                    .id(jobId(orderId))
                    .after(Duration.ZERO));
        }

        /** Schedules, checks that the job waits in the outbox, then fails, which rolls the transaction back. */
        @Transactional
        public void placeAndFail(String orderId, String name) {
            place(orderId, name);
            if (outboxRows(jdbc, orderId) != 1) {
                throw new AssertionError("the job is not in the outbox inside the transaction");
            }
            throw new IllegalStateException("payment declined");
        }
    }

    static String jobId(String orderId) {
        return "greeting-" + orderId;
    }

    static int outboxRows(JdbcTemplate jdbc, String orderId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jobladder_outbox WHERE job_id = ?", Integer.class, jobId(orderId));
    }

    static int orderRows(JdbcTemplate jdbc, String orderId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class, orderId);
    }

    @TestConfiguration
    static class Services {
        @Bean
        Orders orders(JdbcTemplate jdbc, JobScheduler scheduler) {
            return new Orders(jdbc, scheduler);
        }
    }

    @DynamicPropertySource
    static void jobladder(DynamicPropertyRegistry registry) {
        TestSettings.properties(TestBroker.uniqueNamespace("spring-outbox"), TestPostgres.createDatabase("spring"))
                .forEach((key, value) -> registry.add(key, () -> value));
        String shop;
        try (TestOutbox.Database database = TestOutbox.postgres("shop")) {
            shop = database.url();
        }
        registry.add("spring.datasource.url", () -> shop);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        registry.add("jobladder.outbox.enabled", () -> "true");
        // The worker brings flyway-core, so Boot would migrate the shop database, which has no migrations.
        registry.add("spring.flyway.enabled", () -> "false");
    }

    @Test
    void aJobScheduledInATransactionThatCommitsRunsAndLeavesTheOutbox() {
        ScheduledJob job = orders.place("order-1", "Grace");

        Poll.until(PATIENCE, () -> handler.greeted().contains("Grace"), () -> "the handler bean greets Grace");
        Poll.until(
                PATIENCE,
                () -> scheduler.status(job.id()).state() == JobState.SUCCEEDED,
                () -> "job " + job.id() + " recorded as succeeded, but it is " + scheduler.status(job.id()));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Poll.until(PATIENCE, () -> outboxRows(jdbc, "order-1") == 0, () -> "the relay deletes the published row");
        assertThat(orderRows(jdbc, "order-1")).isEqualTo(1);
    }

    @Test
    void aJobScheduledInATransactionThatRollsBackIsNeverScheduled() {
        assertThatThrownBy(() -> orders.placeAndFail("order-2", "Mallory"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("payment declined");

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(outboxRows(jdbc, "order-2")).isZero();
        assertThat(orderRows(jdbc, "order-2")).isZero();
        // A job committed afterwards runs: had the rolled-back one been published, it would have run by then.
        orders.place("order-3", "Linus");
        Poll.until(PATIENCE, () -> handler.greeted().contains("Linus"), () -> "the handler bean greets Linus");
        assertThat(handler.greeted()).doesNotContain("Mallory");
        assertThat(scheduler.status(jobId("order-2")).attempts()).isEmpty();
    }

    @Test
    void outsideATransactionTheJobIsPublishedWithoutTouchingTheOutbox() throws Exception {
        // The outbox table locked against every access: a write into it would wait until the lock goes.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE jobladder_outbox IN ACCESS EXCLUSIVE MODE");
            ScheduledJob job = CompletableFuture.supplyAsync(() -> scheduler.schedule(
                            Greeting.JOB_TYPE.with(new Greeting("Ada")).after(Duration.ZERO)))
                    .get(30, TimeUnit.SECONDS);
            Poll.until(PATIENCE, () -> handler.greeted().contains("Ada"), () -> "the handler bean greets Ada");
            assertThat(job.type()).isEqualTo("greeting");
            lock.rollback();
        }
    }
}
