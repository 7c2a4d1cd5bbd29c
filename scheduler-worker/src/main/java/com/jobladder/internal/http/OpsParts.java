package com.jobladder.internal.http;

import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CronRuntime;
import com.jobladder.internal.metrics.QueueDepths;
import com.rabbitmq.client.Connection;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * What the HTTP endpoints read and act on: the parts of a started worker daemon.
 *
 * @param consuming the connection that never publishes: reads go there, since the broker stops
 *                  reading a publishing connection under a memory or disk alarm
 * @param cron      null when this daemon runs no cron (no schedules file)
 */
public record OpsParts(
        SchedulerConfig config,
        DaemonView daemon,
        BrokerSession session,
        Connection consuming,
        QueueDepths queues,
        CronRuntime cron,
        PrometheusMeterRegistry meters,
        Clock clock) {}
