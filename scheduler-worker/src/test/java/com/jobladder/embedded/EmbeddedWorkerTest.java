package com.jobladder.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.testsupport.TestBroker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application can embed a worker with neither Guice nor logback on its classpath. */
@Tag("integration")
class EmbeddedWorkerTest {
    /** Guice and what only Guice needs, and logback: the embedding application has none of them. */
    private static final List<String> LEFT_OUT =
            List.of("/com/google/inject/", "/jakarta/inject/", "/aopalliance/", "/ch/qos/logback/");

    @TempDir
    Path dir;

    @Test
    void anEmbeddedWorkerWithoutGuiceOrLogbackRunsATypedJobOnTheRealBroker() throws Exception {
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                  ladder { radix = 8, levels = 6, queue-type = classic, window = 512ms }
                  http.port = 0
                }
                """.formatted(
                        dir.resolve("data"), TestBroker.uri(), TestBroker.uniqueNamespace("embedded")));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String[] entries = classPath.replace(';', File.pathSeparatorChar).split(File.pathSeparator);
        String withoutGuiceOrLogback = Arrays.stream(entries)
                .filter(entry -> LEFT_OUT.stream()
                        .noneMatch(part -> entry.replace('\\', '/').contains(part)))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(withoutGuiceOrLogback.split(File.pathSeparator))
                .as("entries left out")
                .hasSizeLessThan(entries.length);
        Path output = dir.resolve("app.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        withoutGuiceOrLogback,
                        EmbeddedWorkerApp.class.getName(),
                        conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        boolean exited = app.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(exited).as("the application exited; its output:%n%s", log).isTrue();
        assertThat(app.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).contains("ran Greeting[to=ada, times=2] as SUCCEEDED");
    }
}
