package com.jobladder.handler;

import com.google.inject.Binder;
import com.google.inject.Provider;
import com.google.inject.multibindings.MapBinder;
import com.jobladder.api.JobType;
import com.jobladder.api.JobTypes;

/**
 * Registers handlers per job type from a Guice module:
 * <pre>{@code
 * protected void configure() {
 *     JobHandlers.register(binder(), SEND_EMAIL, SendEmailHandler.class);   // a TypedJobHandler<Email>
 *     JobHandlers.register(binder(), "resize-image", ResizeImageHandler.class); // a JobHandler, bytes
 * }
 * }</pre>
 * Name the module in {@code jobladder.worker.handler-modules} for the daemon to install it.
 * Without Guice, {@code Worker.builder()} takes the same handlers. One handler per type: a type
 * registered twice stops the worker's start with Guice's duplicate-binding error.
 */
public final class JobHandlers {
    private JobHandlers() {}

    /**
     * The map from job type to handler that the worker reads, for a module that binds handlers
     * its own way (for instance {@code .addBinding("resize").toProvider(...)}).
     *
     * @param binder the module's binder
     * @return the map binder; every call returns one that adds to the same map
     */
    public static MapBinder<String, JobHandler> binder(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, JobHandler.class);
    }

    /**
     * Runs jobs of {@code type} with a handler Guice creates, and injects, on first use; it receives the
     * payload bytes.
     *
     * @param binder  the module's binder
     * @param type    the job type
     * @param handler the handler class
     * @throws com.jobladder.api.InvalidRequestException when the type is not a valid job type
     */
    public static void register(Binder binder, String type, Class<? extends JobHandler> handler) {
        binder(binder).addBinding(JobTypes.requireValid(type)).to(handler);
    }

    /**
     * Runs jobs of {@code type} with this handler instance, for example a lambda; it receives the payload bytes.
     *
     * @param binder  the module's binder
     * @param type    the job type
     * @param handler the handler
     * @throws com.jobladder.api.InvalidRequestException when the type is not a valid job type
     */
    public static void register(Binder binder, String type, JobHandler handler) {
        binder(binder).addBinding(JobTypes.requireValid(type)).toInstance(handler);
    }

    /**
     * Runs jobs of {@code type} with a handler Guice creates, and injects, on first use; it receives
     * the payload decoded with the type's codec.
     *
     * @param binder  the module's binder
     * @param type    the job type and its codec
     * @param handler the handler class
     * @param <T>     the payload type
     */
    public static <T> void register(Binder binder, JobType<T> type, Class<? extends TypedJobHandler<T>> handler) {
        Provider<? extends TypedJobHandler<T>> instances = binder.getProvider(handler);
        binder(binder).addBinding(type.name()).toProvider(() -> JobHandler.decoding(type, instances.get()));
    }

    /**
     * Runs jobs of {@code type} with this handler instance, for example a lambda; it receives the
     * payload decoded with the type's codec.
     *
     * @param binder  the module's binder
     * @param type    the job type and its codec
     * @param handler the handler
     * @param <T>     the payload type
     * @throws com.jobladder.api.InvalidRequestException when {@code handler} is null
     */
    public static <T> void register(Binder binder, JobType<T> type, TypedJobHandler<T> handler) {
        binder(binder).addBinding(type.name()).toInstance(JobHandler.decoding(type, handler));
    }
}
