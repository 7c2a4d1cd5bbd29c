package com.jobladder.http;

import com.jobladder.amqp.BrokerSession;
import com.jobladder.config.SchedulerConfig;
import com.jobladder.cron.CronRuntime;
import com.jobladder.metrics.QueueDepths;
import com.jobladder.worker.WorkerDaemon;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * What the HTTP endpoints read and act on: the parts of a started worker daemon.
 *
 * @param cron null when this daemon runs no cron (no schedules file)
 */
public record OpsParts(SchedulerConfig config, WorkerDaemon daemon, BrokerSession session, QueueDepths queues,
                       CronRuntime cron, PrometheusMeterRegistry meters, Clock clock) {
}
