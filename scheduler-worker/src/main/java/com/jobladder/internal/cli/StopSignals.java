package com.jobladder.internal.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into an orderly stop that finishes before the JVM begins to
 * shut down. A shutdown hook alone comes too late: the JVM runs all hooks at once, and H2 closes
 * its database in a hook of its own while the worker is still draining and recording, so
 * finished jobs cannot be recorded ("Database is already closed") and run again elsewhere.
 * {@code sun.misc.Signal} (module jdk.unsupported, exported for exactly this) replaces the JVM's
 * default handling of the two signals; the caller keeps a shutdown hook as the fallback for
 * every other way the JVM may end. A second signal while stopping ends the process at once.
 *
 * <p>It is reached by reflection: javac warns at every use of a {@code sun.misc} class when it
 * compiles for a release, no {@code @SuppressWarnings} reaches that warning, and the build treats
 * warnings as errors.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    /** What a shell reports for a process ended by SIGINT: 128 + 2. */
    private static final int EXIT_FORCED = 130;

    private StopSignals() {}

    /** Runs {@code stop} on a thread of its own at the first SIGTERM or SIGINT. */
    static void onStop(Runnable stop) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                handle(name, () -> {
                    if (stopping.compareAndSet(false, true)) {
                        log.info(
                                "SIG{} received: stopping; jobs in flight may finish within the shutdown grace"
                                        + " period (send it again to stop at once)",
                                name);
                        Thread stopper = new Thread(stop, "jobladder-stop");
                        stopper.start();
                    } else {
                        log.warn(
                                "SIG{} received again: stopping at once; jobs in flight stay unacked and the broker"
                                        + " redelivers them",
                                name);
                        Runtime.getRuntime().halt(EXIT_FORCED);
                    }
                });
            } catch (IllegalArgumentException unavailable) {
                // Ignored by the parent (nohup, a background job) or reserved by the JVM (-Xrs): the hook remains.
                log.debug(
                        "SIG{} cannot be handled here ({}); the shutdown hook stops the worker",
                        name,
                        unavailable.getMessage());
            }
        }
    }

    /** {@code Signal.handle(new Signal(name), signal -> action.run())}. */
    private static void handle(String name, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    StopSignals.class.getClassLoader(),
                    new Class<?>[] {handlerType},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == arguments[0];
                        default -> "stop handler for SIG" + name;
                    });
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("this JVM has no sun.misc.Signal (" + e + ")", e);
        }
    }
}
