package com.jobladder.client;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderSettings;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.JobBundler;
import com.jobladder.internal.amqp.PublishMeters;
import com.jobladder.internal.amqp.TransactionalPublisher;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.jdbc.AuditDatabases;
import com.jobladder.internal.jdbc.JdbcJobStatusStore;
import com.jobladder.internal.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Builds a {@link JobScheduler} for applications that do not use Guice:
 * <pre>{@code
 * try (JobScheduler scheduler = JobSchedulerBuilder.fromFile(Path.of("conf/scheduler.conf")).build()) {
 *     scheduler.schedule(SEND_EMAIL.with(new Email("ada@example.com", "Hello")).after(Duration.ofMinutes(10)));
 * }
 * }</pre>
 * {@link #build()} connects to the broker and declares the ladder (idempotent). Submitting needs
 * nothing else: the workers' audit store, which {@code cancel} and {@code status} use, is opened
 * on their first call, never created or migrated by the client (the workers do that). A builder
 * is meant for one thread; the scheduler it builds is thread-safe.
 */
public final class JobSchedulerBuilder {
    /** How often the outbox relay looks for rows that no commit in this process announced. */
    public static final Duration DEFAULT_OUTBOX_POLL_INTERVAL = Duration.ofSeconds(1);

    private final SchedulerConfig config;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry;
    private DataSource outboxDataSource;
    private Duration outboxPollInterval = DEFAULT_OUTBOX_POLL_INTERVAL;

    private JobSchedulerBuilder(SchedulerConfig config) {
        this.config = config;
    }

    /**
     * A builder for settings already read.
     *
     * @param settings from {@link Settings#fromFile} or {@link Settings#defaults()}
     * @return the builder
     * @throws InvalidRequestException when {@code settings} is null or was not read by {@link Settings}
     */
    public static JobSchedulerBuilder fromSettings(JobladderSettings settings) {
        return new JobSchedulerBuilder(SchedulerConfig.of(settings));
    }

    /**
     * A builder for the settings of a HOCON file, over the defaults, with the {@code JOBLADDER_*}
     * environment variables winning over both (docs/configuration.md); see {@link Settings#fromFile}.
     *
     * @param schedulerConf the file, for example {@code conf/scheduler.conf}
     * @return the builder
     * @throws InvalidRequestException               when the path is null
     * @throws com.jobladder.api.JobladderException when the file is missing or malformed, or holds a setting
     *                                              that is not valid (the message names file, line and key)
     */
    public static JobSchedulerBuilder fromFile(Path schedulerConf) {
        return fromSettings(Settings.fromFile(schedulerConf));
    }

    /**
     * The clock that resolves relative delays into due times; the system UTC clock by default.
     * Tests set a fixed one.
     *
     * @param newClock the clock
     * @return this builder
     * @throws InvalidRequestException when {@code newClock} is null
     */
    public JobSchedulerBuilder clock(Clock newClock) {
        this.clock = InvalidRequestException.requireNonNull(newClock, "clock");
        return this;
    }

    /**
     * Registers the client's meters (jobs scheduled by type and outcome, publish-confirm time,
     * publishes in flight) in the application's registry (docs/metrics.md). Micrometer is an
     * optional dependency: an application that never calls this does not need it.
     *
     * @param registry the application's Micrometer registry
     * @return this builder
     * @throws InvalidRequestException when {@code registry} is null
     */
    public JobSchedulerBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = InvalidRequestException.requireNonNull(registry, "meterRegistry");
        return this;
    }

    /**
     * Turns on the transactional outbox ({@link JobScheduler#outbox()}) in the application database
     * {@code dataSource} points at, which must hold the table {@code jobladder_outbox}
     * ({@code scheduler migrate --outbox-jdbc-url}, or the script {@code sql/outbox} in the
     * application's own migrations). The scheduler runs a relay over it that takes connections of
     * its own from {@code dataSource}, a pool such as HikariCP; a Spring
     * {@code TransactionAwareDataSourceProxy} over it serves as well.
     *
     * @param dataSource the application database's pool
     * @return this builder
     * @throws InvalidRequestException when {@code dataSource} is null
     */
    public JobSchedulerBuilder outbox(DataSource dataSource) {
        return outbox(dataSource, DEFAULT_OUTBOX_POLL_INTERVAL);
    }

    /**
     * {@link #outbox(DataSource)} with the interval at which the relay looks for rows that no commit
     * in this process announced: rows a crashed process left, or rows another instance wrote without a
     * relay of its own. A shorter interval finds them sooner at the cost of a query per interval.
     *
     * @param dataSource   the application database's pool
     * @param pollInterval from 10 ms to 1 hour; {@link #DEFAULT_OUTBOX_POLL_INTERVAL} by default
     * @return this builder
     * @throws InvalidRequestException when an argument is null or the interval is out of range
     */
    public JobSchedulerBuilder outbox(DataSource dataSource, Duration pollInterval) {
        InvalidRequestException.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.compareTo(Duration.ofMillis(10)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidRequestException(
                    "outbox poll interval " + pollInterval + " is out of range; expected 10 ms to 1 hour");
        }
        this.outboxDataSource = InvalidRequestException.requireNonNull(dataSource, "dataSource");
        this.outboxPollInterval = pollInterval;
        return this;
    }

    /**
     * Connects to the broker and declares the ladder (idempotent), then returns the scheduler. The
     * caller owns it: close it when the application stops.
     *
     * @return a connected, thread-safe scheduler
     * @throws com.jobladder.api.JobladderException when the broker cannot be reached or refuses the
     *                                              connection or the topology; the message says which
     */
    public JobScheduler build() {
        BrokerSession session = BrokerSession.open(config, "jobladder-client", clock);
        try {
            WorkersAuditStore store = new WorkersAuditStore(
                    () -> new JdbcJobStatusStore(AuditDatabases.openExisting(config.audit(), config.dataDir())));
            SubmitObserver observer = SubmitObserver.NONE;
            if (meterRegistry != null) {
                PublishMeters.bind(meterRegistry, session.confirmedPublisher(), "client");
                observer = new SubmitMeters(meterRegistry)::submitted;
            }
            JobEnvelopes envelopes = new JobEnvelopes(config.worker().maxPayloadBytes(), clock);
            JdbcJobOutbox outbox = outboxDataSource == null
                    ? null
                    : new JdbcJobOutbox(
                            envelopes,
                            clock,
                            OutboxRelay.start(outboxDataSource, session.publisher(), outboxPollInterval));
            return new RabbitJobScheduler(
                    session,
                    new JobBundler(
                            session.publisher(),
                            session.confirmedPublisher(),
                            config.broker().bundleMaxJobs(),
                            config.broker().bundleLinger(),
                            config.broker().maxInFlight(),
                            config.broker().confirmTimeout()),
                    new TransactionalPublisher(session.connection(), session.publisher()),
                    envelopes,
                    store,
                    clock,
                    observer,
                    outbox);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
