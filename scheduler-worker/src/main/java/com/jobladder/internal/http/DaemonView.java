package com.jobladder.internal.http;

import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.clock.ClockStatus;
import com.jobladder.internal.engine.WorkerStats;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the pages and probes read of the running worker daemon, which implements it: the daemon starts
 * this package's server, so this package names no type of the daemon's own.
 */
public interface DaemonView {
    boolean cronLeader();

    /** The audit store, open between start and stop. */
    AuditStore store();

    /** By type: deliveries its handler pool has taken, running or waiting for a thread (held jobs not counted). */
    Map<String, Integer> deliveriesInFlight();

    /** Why the daemon cannot take jobs now, empty when it can. */
    List<String> notReady();

    /** How the daemon's clock stands against the audit database's; null before it started. */
    ClockStatus clock();

    /** What the daemon has done so far. */
    WorkerStats stats();

    /** Lateness of every job started so far, in milliseconds. */
    Histogram lateness();
}
