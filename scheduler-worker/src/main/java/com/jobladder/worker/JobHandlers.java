package com.jobladder.worker;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.jobladder.api.JobTypes;

/**
 * Registers handlers per job type from a Guice module:
 * <pre>{@code
 * protected void configure() {
 *     JobHandlers.register(binder(), "send-email", SendEmailHandler.class);
 * }
 * }</pre>
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
}
