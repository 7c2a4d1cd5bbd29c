package com.jobladder.internal.engine;

import com.jobladder.api.UndecodablePayloadException;
import com.jobladder.handler.JobContext;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.audit.ExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a type's handler on the calling thread under a watchdog that interrupts it at the type's
 * timeout, with a {@link RunningMark} for long runs.
 */
final class HandlerCall {
    private final String type;
    private final JobHandler handler;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final ExecutionStore store;
    private final String workerId;
    private final Clock clock;

    /**
     * How a call ended: {@code error} null when the handler returned in time; {@code permanent} when
     * the job can never run (its payload does not decode, or a {@link PermanentJobFailure}).
     */
    record Result(Instant finished, String error, boolean permanent) {}

    HandlerCall(
            String type,
            JobHandler handler,
            Duration timeout,
            ScheduledExecutorService timer,
            ExecutionStore store,
            String workerId,
            Clock clock) {
        this.type = type;
        this.handler = handler;
        this.timeout = timeout;
        this.timer = timer;
        this.store = store;
        this.workerId = workerId;
        this.clock = clock;
    }

    Result run(Envelope envelope, Instant started) {
        Thread self = Thread.currentThread();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(
                () -> {
                    timedOut.set(true);
                    self.interrupt();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        RunningMark mark = new RunningMark(timer, store, workerId, envelope, started);
        String error = null;
        boolean permanent = false;
        try {
            handler.handle(context(envelope));
        } catch (UndecodablePayloadException e) {
            permanent = true;
            error = e.getMessage() + " (it arrived with content type " + envelope.contentType() + ")";
        } catch (PermanentJobFailure e) {
            permanent = true;
            error = e.getMessage();
        } catch (Throwable e) {
            // StackOverflowError, OutOfMemoryError and any other Error fail the attempt like an exception.
            error = describe(e);
        } finally {
            watchdog.cancel(false);
            mark.finished();
            if (Thread.interrupted() && !timedOut.get()) {
                Thread.currentThread().interrupt();
            }
        }
        if (timedOut.get()) {
            error = "timed out after " + timeout.toMillis() + " ms (job-types." + type + ".timeout)"
                    + (error == null ? "" : "; " + error);
        }
        return new Result(clock.instant(), error, permanent);
    }

    boolean async() {
        return handler instanceof AsyncJobHandler;
    }

    /**
     * Starts an {@link AsyncJobHandler} on the calling thread; its result comes when the handler's
     * future completes, or as a failure at the type's timeout.
     */
    CompletableFuture<Result> runAsync(Envelope envelope) {
        CompletableFuture<Void> running;
        try {
            running = ((AsyncJobHandler) handler).start(context(envelope));
        } catch (RuntimeException | Error e) {
            running = CompletableFuture.failedFuture(e);
        }
        return running.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((ignored, failure) -> {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause == null) {
                return new Result(clock.instant(), null, false);
            }
            if (cause instanceof TimeoutException) {
                return new Result(
                        clock.instant(),
                        "timed out after " + timeout.toMillis() + " ms (job-types." + type + ".timeout)",
                        false);
            }
            return new Result(
                    clock.instant(),
                    cause instanceof PermanentJobFailure ? cause.getMessage() : describe(cause),
                    cause instanceof PermanentJobFailure);
        });
    }

    private static JobContext context(Envelope envelope) {
        return new JobContext(
                envelope.jobId(),
                envelope.type(),
                envelope.payload(),
                envelope.contentType(),
                envelope.dueAt(),
                envelope.attempt(),
                envelope.scheduleName());
    }

    static String describe(Throwable e) {
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
