package com.jobladder.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does with jobladder-<version>.tar.gz: unpack it, drop a handler jar into
 * handlers/, name its module in conf/scheduler.conf, start bin/scheduler from another directory.
 * The archive is built by this module's package phase, which runs before the integration tests.
 */
@Tag("integration")
class DistributionArchiveTest {
    private static final String HANDLER_MODULE = "com.example.greeter.GreeterHandlers";
    private static final String HANDLER_SOURCE = """
            package com.example.greeter;

            import com.google.inject.AbstractModule;
            import com.jobladder.handler.JobHandlers;
            import java.nio.file.Files;
            import java.nio.file.Path;

            /** Writes the job id into the file the payload names. */
            public class GreeterHandlers extends AbstractModule {
                @Override
                protected void configure() {
                    JobHandlers.register(binder(), "greet",
                            job -> Files.writeString(Path.of(job.payloadText()), "ran " + job.jobId()));
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void theUnpackedArchiveRunsAHandlerJarDroppedIntoHandlers() throws Exception {
        Path install = unpack(archive(), temp.resolve("opt"));
        assertThat(install.resolve("bin/scheduler")).isExecutable();
        assertThat(install.resolve("conf/scheduler.conf")).isRegularFile();
        assertThat(install.resolve("conf/schedules.conf")).isRegularFile();
        buildHandlerJar(install.resolve("lib"), install.resolve("handlers/greeter.jar"));

        String namespace = TestBroker.uniqueNamespace("archive");
        // Registers the namespace for deletion after the test; the client shares the daemon's ladder.
        TestBroker.config(namespace, temp.resolve("client-data"));
        Path conf = install.resolve("conf/scheduler.conf");
        Files.writeString(conf, Files.readString(conf) + """

                jobladder.broker.uri = "%s"
                jobladder.broker.namespace = "%s"
                jobladder.ladder { queue-type = classic, radix = 8, levels = 6, window = 512ms }
                jobladder.worker.handler-modules = ["%s"]
                jobladder.http.port = 0
                # The sample's relay declares a delayed exchange outside the test's namespace.
                jobladder.relay.enabled = false
                """.formatted(TestBroker.uri(), namespace, HANDLER_MODULE));

        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path log = temp.resolve("worker.log");
        Process daemon = new ProcessBuilder(install.resolve("bin/scheduler").toString(), "worker")
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Path marker = temp.resolve("greeted");
            try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(ConfigLoader.load(conf, Map.of()))
                    .build()) {
                scheduler.schedule(JobRequest.ofType("greet")
                        .id("hello-archive")
                        .payload(marker.toString())
                        .after(Duration.ofSeconds(1)));
            }
            // The handler creates the file, then writes it: wait for what it wrote, not for the file alone.
            Poll.until(
                    Duration.ofSeconds(90),
                    () -> "ran hello-archive".equals(contentOf(marker)),
                    () -> "the handler from handlers/greeter.jar ran the job (the marker holds \"" + contentOf(marker)
                            + "\"); worker log:\n" + tail(log));
            // Relative paths in the conf resolve against the install directory, not the caller's.
            assertThat(install.resolve("data")).isDirectory();
            assertThat(elsewhere).isEmptyDirectory();
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        assertThat(daemon.exitValue())
                .as("exit code after SIGTERM; log:\n" + tail(log))
                .isZero();
    }

    /** What the handler wrote so far; empty while the file does not exist. */
    private static String contentOf(Path marker) {
        try {
            return Files.exists(marker) ? Files.readString(marker) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> archives = files.filter(
                            file -> file.getFileName().toString().matches("jobladder-.*\\.tar\\.gz"))
                    .toList();
            assertThat(archives)
                    .as("mvn package builds target/jobladder-<version>.tar.gz")
                    .hasSize(1);
            return archives.get(0);
        }
    }

    /** Unpacks with tar, as an operator would; returns the archive's single top directory. */
    private static Path unpack(Path archive, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("tar: " + output).isZero();
        try (Stream<Path> top = Files.list(into)) {
            List<Path> directories = top.toList();
            assertThat(directories).hasSize(1);
            assertThat(directories.get(0).getFileName().toString()).startsWith("jobladder-");
            return directories.get(0);
        }
    }

    /** Compiles the handler against the archive's lib/ alone, and jars it. */
    private void buildHandlerJar(Path lib, Path jar) throws IOException {
        Path sources = Files.createDirectories(temp.resolve("src/com/example/greeter"));
        Path source = Files.writeString(sources.resolve("GreeterHandlers.java"), HANDLER_SOURCE);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        String classPath;
        try (Stream<Path> jars = Files.list(lib)) {
            // The compiler API, unlike the java launcher, does not expand "lib/*".
            classPath = String.join(File.pathSeparator, jars.map(Path::toString).toList());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(
                null, null, null, "--release", "17", "-cp", classPath, "-d", classes.toString(), source.toString());
        assertThat(status).as("javac of the handler against lib/*").isZero();
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
