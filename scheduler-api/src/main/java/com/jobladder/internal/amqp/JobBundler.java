package com.jobladder.internal.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.concurrent.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits jobs in rounds, as a database groups commits: whatever was submitted while the previous
 * round awaited the broker's confirms leaves in the next, one message per type and ladder route.
 * Jobs of one route expire together at every rung, so the broker moves such a bundle as one
 * message where it would have moved each job, and does a fraction of the work per job (see
 * docs/performance.md, "Bundles"). A job submitted while no round is under way leaves at once on
 * the caller's thread, in the one-job format; a busy producer's job waits at most for one round's
 * confirms. Each job keeps a future of its own, failed with its own id when its message fails.
 *
 * <p>With a linger, a round that follows another starts no sooner than the linger after the start
 * of the one before: a busy producer's jobs wait up to the linger for company. A job that finds
 * no round under way still leaves at once, so a caller that schedules one job at a time, waiting
 * for each, never waits for the linger.
 *
 * <p>Routes are computed as a round leaves, not as jobs arrive, so a job that waited for a round
 * is still aimed at its due time. At most {@code max-in-flight} jobs are accepted and
 * unconfirmed at once; one more waits for a slot, up to the confirm timeout, as with single publishes.
 */
public final class JobBundler implements AutoCloseable {
    /** A bundle's body stays far below every broker's max_message_size and frame limits. */
    static final int MAX_BUNDLE_BYTES = 256 * 1024;

    private final JobPublisher jobs;
    private final ConfirmedPublisher publisher;
    private final int maxJobs;
    private final InFlightSlots slots;
    /** The shortest time between the starts of two rounds in a row: 0 starts each as soon as the previous is settled. */
    private final long lingerNanos;
    /**
     * Rounds started from a confirm (which may not publish on the connection's thread) or after a
     * linger.
     */
    private final ScheduledExecutorService rounds;

    private final Object lock = new Object();
    private List<Submitted> waiting = new ArrayList<>();
    private boolean roundUnderway;
    /** {@link System#nanoTime} at the start of the last round. */
    private long lastRound;

    private record Submitted(Envelope envelope, CompletableFuture<Void> confirmed) {}

    /** Jobs that leave in one message, where it enters the ladder, and its id: a lone job's own, or a bundle's. */
    private record Message(JobPublisher.Target target, List<Submitted> jobs, String id) {
        Message(JobPublisher.Target target, List<Submitted> jobs) {
            this(target, jobs, jobs.size() == 1 ? jobs.get(0).envelope.jobId() : "bundle-" + UUID.randomUUID());
        }
    }

    /**
     * @param maxJobs the most jobs in one message; 1 sends every job alone, as it is submitted
     * @param linger  the shortest time between the starts of two rounds in a row; 0 for none
     */
    public JobBundler(
            JobPublisher jobs,
            ConfirmedPublisher publisher,
            int maxJobs,
            Duration linger,
            int maxInFlight,
            Duration confirmTimeout) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.maxJobs = maxJobs;
        this.slots = new InFlightSlots(maxInFlight, confirmTimeout);
        this.lingerNanos = linger.toNanos();
        this.rounds = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("jobladder-bundles"));
    }

    /**
     * Submits a job; the future completes on the broker's confirm of the message that carries it.
     *
     * @param awaited the caller joins the future itself and chains nothing onto it, so it may
     *                complete on the connection's thread ({@link ConfirmedPublisher#publishToAwait})
     */
    public CompletableFuture<Void> publish(Envelope envelope, boolean awaited) {
        if (maxJobs == 1) {
            return awaited ? jobs.publishToAwait(envelope) : jobs.publish(envelope);
        }
        String noSlot = slots.acquire();
        if (noSlot != null) {
            return CompletableFuture.failedFuture(new ScheduleFailedException(envelope.jobId(), noSlot));
        }
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        confirmed.whenComplete((ignored, failure) -> slots.release());
        boolean lead;
        synchronized (lock) {
            waiting.add(new Submitted(envelope, confirmed));
            lead = !roundUnderway;
            roundUnderway = true;
        }
        if (lead) {
            round();
        }
        return awaited ? confirmed : publisher.onCallbackThread(confirmed);
    }

    /**
     * Sends what waits, one message per type and route. The last message settled starts the next
     * round (or marks none under way) before it completes its own jobs, so a caller woken by that
     * confirm finds the round over and its next job leaves at once, never behind a linger.
     */
    private void round() {
        List<Submitted> batch;
        synchronized (lock) {
            if (waiting.isEmpty()) {
                roundUnderway = false;
                return;
            }
            batch = waiting;
            waiting = new ArrayList<>();
            lastRound = System.nanoTime();
        }
        // One count per message, and one for this loop, so the round cannot end while it is still sending.
        AtomicInteger unsettled = new AtomicInteger(1);
        try {
            for (Message message : messages(declared(batch))) {
                CompletableFuture<Void> sent = send(message);
                unsettled.incrementAndGet();
                sent.whenComplete((ignored, failure) -> {
                    try {
                        if (unsettled.decrementAndGet() == 0) {
                            next();
                        }
                    } finally {
                        settle(message, failure);
                    }
                });
            }
        } catch (RuntimeException unexpected) {
            batch.forEach(job -> job.confirmed.completeExceptionally(new ScheduleFailedException(
                    job.envelope.jobId(), "submitting it failed unexpectedly: " + unexpected, unexpected)));
        }
        if (unsettled.decrementAndGet() == 0) {
            next();
        }
    }

    /** After a round is settled: the next one, after the rest of the linger, if any job waits for it. */
    private void next() {
        long lingerLeft;
        synchronized (lock) {
            if (waiting.isEmpty()) {
                roundUnderway = false;
                return;
            }
            lingerLeft = Math.max(0, lastRound + lingerNanos - System.nanoTime());
        }
        try {
            rounds.schedule(this::round, lingerLeft, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            List<Submitted> left;
            synchronized (lock) {
                left = waiting;
                waiting = new ArrayList<>();
                roundUnderway = false;
            }
            left.forEach(job -> job.confirmed.completeExceptionally(
                    new ScheduleFailedException(job.envelope.jobId(), "the scheduler was closed before it was sent")));
        }
    }

    /** The jobs whose worker queue is declared; the others fail, as {@link JobPublisher} fails them. */
    private List<Submitted> declared(List<Submitted> batch) {
        Set<String> types = new HashSet<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Submitted job : batch) {
            String type = job.envelope.type();
            if (types.add(type)) {
                try {
                    jobs.ensureWorkerQueue(type);
                } catch (IOException | RuntimeException e) {
                    refused.put(type, JobPublisher.undeclared(type, e));
                }
            }
        }
        if (refused.isEmpty()) {
            return batch;
        }
        List<Submitted> declared = new ArrayList<>();
        for (Submitted job : batch) {
            String why = refused.get(job.envelope.type());
            if (why == null) {
                declared.add(job);
            } else {
                job.confirmed.completeExceptionally(new ScheduleFailedException(job.envelope.jobId(), why));
            }
        }
        return declared;
    }

    /** Groups by target (type and route), each group cut at {@code maxJobs} jobs and {@link #MAX_BUNDLE_BYTES}. */
    private List<Message> messages(List<Submitted> batch) {
        Map<JobPublisher.Target, List<Submitted>> byTarget = new LinkedHashMap<>();
        for (Submitted job : batch) {
            byTarget.computeIfAbsent(jobs.target(job.envelope), target -> new ArrayList<>())
                    .add(job);
        }
        List<Message> messages = new ArrayList<>();
        for (Map.Entry<JobPublisher.Target, List<Submitted>> group : byTarget.entrySet()) {
            JobPublisher.Target target = group.getKey();
            List<Submitted> message = new ArrayList<>();
            int bytes = 0;
            for (Submitted job : group.getValue()) {
                int size = BundleCodec.size(job.envelope);
                if (!message.isEmpty() && (message.size() == maxJobs || bytes + size > MAX_BUNDLE_BYTES)) {
                    messages.add(new Message(target, message));
                    message = new ArrayList<>();
                    bytes = 0;
                }
                message.add(job);
                bytes += size;
            }
            messages.add(new Message(target, message));
        }
        return messages;
    }

    /** One message: a job alone in its own format, several as a bundle. Completes when it is settled. */
    private CompletableFuture<Void> send(Message message) {
        List<Submitted> group = message.jobs();
        if (group.size() == 1) {
            return jobs.publishToAwait(group.get(0).envelope, message.target());
        }
        List<Envelope> envelopes = new ArrayList<>(group.size());
        group.forEach(job -> envelopes.add(job.envelope));
        return publisher.publishToAwait(
                message.id(),
                message.target().exchange(),
                message.target().routingKey(),
                BundleCodec.properties(message.id(), envelopes.get(0).type(), group.size()),
                BundleCodec.encode(envelopes));
    }

    /** Completes each job of a settled message: confirmed, or failed with its own id. */
    private static void settle(Message message, Throwable failure) {
        List<Submitted> group = message.jobs();
        for (Submitted job : group) {
            if (failure == null) {
                job.confirmed.complete(null);
            } else if (group.size() == 1) {
                job.confirmed.completeExceptionally(failure);
            } else {
                job.confirmed.completeExceptionally(new ScheduleFailedException(
                        job.envelope.jobId(), reason(failure, message.id(), group.size()), failure));
            }
        }
    }

    /** The bundle's failure told for one of its jobs: the reason without the bundle's own id. */
    private static String reason(Throwable failure, String bundleId, int jobs) {
        String message = String.valueOf(failure.getMessage());
        String prefix = "job " + bundleId + " was not scheduled: ";
        String why = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return "it travelled with " + (jobs - 1) + " other jobs in one message, which failed: " + why;
    }

    /** Fails what has not been sent yet; what was sent completes on its confirm or the publisher's close. */
    @Override
    public void close() {
        rounds.shutdown();
        next();
    }
}
