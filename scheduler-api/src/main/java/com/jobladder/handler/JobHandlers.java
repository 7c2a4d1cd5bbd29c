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
 * Without Guice, {@link Worker#builder()} takes the same handlers.
 */
public final class JobHandlers {
    private JobHandlers() {
    }

    public static MapBinder<String, JobHandler> binder(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, JobHandler.class);
    }

    public static void register(Binder binder, String type, Class<? extends JobHandler> handler) {
        binder(binder).addBinding(JobTypes.requireValid(type)).to(handler);
    }

    public static void register(Binder binder, String type, JobHandler handler) {
        binder(binder).addBinding(JobTypes.requireValid(type)).toInstance(handler);
    }

    public static <T> void register(Binder binder, JobType<T> type, Class<? extends TypedJobHandler<T>> handler) {
        Provider<? extends TypedJobHandler<T>> instances = binder.getProvider(handler);
        binder(binder).addBinding(type.name()).toProvider(() -> JobHandler.decoding(type, instances.get()));
    }

    public static <T> void register(Binder binder, JobType<T> type, TypedJobHandler<T> handler) {
        binder(binder).addBinding(type.name()).toInstance(JobHandler.decoding(type, handler));
    }
}
