package com.jobladder.internal.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the starter adds to reference.conf: the keys of its own, and the one default it sets otherwise.
 */
public final class StarterKeys {
    /** Runs an embedded worker with the application's handler and recurring-job beans. */
    public static final String WORKER_ENABLED = "jobladder.worker.enabled";

    /** Schedules through the outbox in the application's DataSource when a Spring transaction is active. */
    public static final String OUTBOX_ENABLED = "jobladder.outbox.enabled";

    public static final String SHUTDOWN_GRACE = "jobladder.worker.shutdown-grace";

    /**
     * 20 s rather than reference.conf's 30 s: Kubernetes kills a pod 30 s after SIGTERM
     * ({@code terminationGracePeriodSeconds}), and handing held jobs back and closing the connections and
     * the rest of the application need time after the running jobs finished.
     */
    public static final Duration SHUTDOWN_GRACE_DEFAULT = Duration.ofSeconds(20);

    /** The starter's defaults that differ from reference.conf, as reference.conf writes values. */
    public static final Map<String, String> DEFAULTS = Map.of(SHUTDOWN_GRACE, SHUTDOWN_GRACE_DEFAULT.toSeconds() + "s");

    /** The starter's own keys, which the worker's settings do not have. */
    public static final List<ReferenceKeys.Key> OWN = List.of(
            new ReferenceKeys.Key(
                    WORKER_ENABLED,
                    ReferenceKeys.Kind.FLAG,
                    false,
                    "Runs a worker in the application: it runs the application's JobHandler and TypedJobHandler"
                            + " beans annotated with @HandlesJobs and fires its RecurringJob beans, started and"
                            + " stopped with the application context."),
            new ReferenceKeys.Key(
                    OUTBOX_ENABLED,
                    ReferenceKeys.Kind.FLAG,
                    false,
                    "Schedules in the application's transaction: inside a Spring transaction, the JobScheduler"
                            + " bean writes jobs into the outbox table of the application's DataSource, published"
                            + " once the transaction commits; outside one it publishes at once."));

    private StarterKeys() {}

    /** Every key the starter reads, with the starter's defaults, sorted by name. */
    public static List<ReferenceKeys.Key> all() {
        List<ReferenceKeys.Key> keys = new java.util.ArrayList<>();
        for (ReferenceKeys.Key key : ReferenceKeys.all()) {
            String starterDefault = DEFAULTS.get(key.name());
            keys.add(
                    starterDefault == null
                            ? key
                            : new ReferenceKeys.Key(key.name(), key.kind(), starterDefault, key.description()));
        }
        keys.addAll(OWN);
        keys.sort(java.util.Comparator.comparing(ReferenceKeys.Key::name));
        return List.copyOf(keys);
    }
}
