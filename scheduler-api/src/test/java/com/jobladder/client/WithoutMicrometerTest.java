package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.testsupport.TestBroker;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Micrometer is an optional dependency: an application without it on its classpath schedules as usual. */
@Tag("integration")
class WithoutMicrometerTest {

    @Test
    void anApplicationWithoutMicrometerBuildsAClientAndSchedules() throws Exception {
        try (URLClassLoader withoutMicrometer = new WithoutMicrometer(classPath())) {
            assertThatThrownBy(() -> withoutMicrometer.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            @SuppressWarnings("unchecked")
            Callable<String> app = (Callable<String>) withoutMicrometer
                    .loadClass(App.class.getName())
                    .getDeclaredConstructor()
                    .newInstance();
            assertThat(app.call()).isEqualTo("no-micrometer-1");
        }
    }

    /** Runs inside the class loader without Micrometer: every class it touches is loaded there. */
    public static final class App implements Callable<String> {
        @Override
        public String call() throws Exception {
            Path dataDir = Files.createTempDirectory("no-micrometer");
            try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(
                            TestBroker.config(TestBroker.uniqueNamespace("no-micrometer"), dataDir))
                    .build()) {
                return scheduler
                        .schedule(
                                JobRequest.ofType("plain").id("no-micrometer-1").now())
                        .id();
            }
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** The test's class path, child-first, with every io.micrometer class missing. */
    private static final class WithoutMicrometer extends URLClassLoader {
        WithoutMicrometer(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer.")) {
                throw new ClassNotFoundException(name + " (hidden: this test runs without Micrometer)");
            }
            return super.findClass(name);
        }
    }
}
