package com.jobladder.internal.daemon;

import com.google.inject.Module;
import com.jobladder.internal.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/** Loads the Guice modules named in {@code jobladder.worker.handler-modules}. */
public final class HandlerModules {
    private HandlerModules() {}

    public static List<Module> load(List<String> classNames) {
        List<Module> modules = new ArrayList<>();
        ClassLoader loader = HandlerModules.class.getClassLoader();
        for (String name : classNames) {
            try {
                // Loaded without initialising: a class that is not a module never runs its static code here.
                Class<?> type = Class.forName(name, false, loader);
                if (!Module.class.isAssignableFrom(type)) {
                    throw new ConfigurationException("jobladder.worker.handler-modules: " + name
                            + " is not a com.google.inject.Module; expected a module that registers handlers with"
                            + " JobHandlers.register(...)");
                }
                modules.add((Module) type.getDeclaredConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                throw new ConfigurationException(
                        "jobladder.worker.handler-modules: class " + name
                                + " is not on the classpath; put its jar in the handlers/ directory of the installed worker"
                                + " (or on the classpath) or fix the name",
                        e);
            } catch (ReflectiveOperationException e) {
                throw new ConfigurationException(
                        "jobladder.worker.handler-modules: cannot create " + name + " (" + e
                                + "); expected a public class with a public no-argument constructor",
                        e);
            }
        }
        return modules;
    }
}
