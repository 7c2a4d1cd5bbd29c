package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.testsupport.TestBroker;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds, with real Maven, an application that only submits jobs and depends on nothing but the
 * scheduler-api jar and POM of this build, reads its resolved dependencies, and runs it on the
 * class path Maven gives it: it submits a job, and asks a status the driver it lacks would
 * answer. The application
 * gets a repository of its own (this module's artifacts and, as a read-only source of everything
 * else, the local Maven repository), so that nothing is installed into or read back from the
 * local repository's copy of scheduler-api.
 */
@Tag("integration")
class SubmitOnlyDependenciesTest {
    /** What an application that submits must not compile against: the workers' and daemon's libraries. */
    private static final List<String> NOT_FOR_SUBMITTING = List.of(
            "com.h2database:h2",
            "org.postgresql:postgresql",
            "org.flywaydb:",
            "com.fasterxml.jackson",
            "tools.jackson",
            "com.google.guava:guava",
            "com.google.inject:guice",
            "ch.qos.logback:",
            "org.junit",
            "org.assertj:",
            "net.jqwik:");
    /** One resolved artifact as dependency:list writes it: group:artifact:type[:classifier]:version:scope. */
    private static final Pattern LISTED = Pattern.compile("^\\s*([\\w.\\-]+):([\\w.\\-]+):[\\w\\-]+(?::[\\w\\-]+)?"
            + ":[\\w.\\-]+:(compile|provided|runtime|system|test)\\b.*$");

    @TempDir
    Path work;

    @Test
    void aSubmitOnlyApplicationCompilesAgainstTheBrokerClientConfigAndLoggingApiAlone() throws Exception {
        Path repository = work.resolve("repository");
        String version = property("jobladder.version");
        publish(
                repository,
                "scheduler-api",
                version,
                Path.of(property("jobladder.api.pom")),
                Path.of(property("jobladder.api.jar")));
        publish(repository, "jobladder-parent", version, Path.of(property("jobladder.parent.pom")), null);
        Path app = application(repository, version);

        List<String> compile = new ArrayList<>();
        List<String> runtime = new ArrayList<>();
        for (String line : Files.readAllLines(app.resolve("dependencies.txt"))) {
            Matcher listed = LISTED.matcher(line);
            if (listed.matches()) {
                String artifact = listed.group(1) + ":" + listed.group(2);
                (listed.group(3).equals("compile") ? compile : runtime).add(artifact);
            }
        }

        assertThat(compile)
                .as("the application's compile class path")
                .contains(
                        "com.jobladder:scheduler-api",
                        "com.rabbitmq:amqp-client",
                        "com.typesafe:config",
                        "org.slf4j:slf4j-api");
        for (String forbidden : NOT_FOR_SUBMITTING) {
            assertThat(compile).as("the application's compile class path").noneMatch(a -> a.startsWith(forbidden));
        }
        assertThat(runtime)
                .as("the application's runtime class path (logback is the daemon's choice)")
                .noneMatch(a -> a.startsWith("ch.qos.logback:"));

        String output = run(app);
        assertThat(output)
                .as("what the application printed")
                .contains("scheduled ")
                .contains("status: the audit store at jdbc:h2:file:" + work.resolve("data"))
                .contains("needs the JDBC driver org.h2.Driver, which is not on the class path: add com.h2database:h2"
                        + " to the application's dependencies (runtime scope is enough)");
    }

    /** Runs the application on its runtime class path against the test broker; returns what it printed. */
    private String run(Path app) throws Exception {
        Path conf = work.resolve("scheduler.conf");
        Files.writeString(conf, TestBroker.hocon(TestBroker.uniqueNamespace("submit-only-app"), work.resolve("data")));
        String classPath = app.resolve("target/classes")
                + File.pathSeparator
                + Files.readString(app.resolve("classpath.txt")).strip();
        Path output = work.resolve("app.log");
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        "app.SubmitOnly",
                        conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = java.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            java.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("the application finishing within 2 minutes; it printed:\n%s", printed)
                .isTrue();
        assertThat(java.exitValue())
                .as("the application's exit status; it printed:\n%s", printed)
                .isZero();
        return printed;
    }

    /** Lays out an artifact as a Maven repository holds it. */
    private static void publish(Path repository, String artifactId, String version, Path pom, Path jar)
            throws IOException {
        Path directory = repository.resolve("com/jobladder").resolve(artifactId).resolve(version);
        Files.createDirectories(directory);
        Files.copy(pom, directory.resolve(artifactId + "-" + version + ".pom"));
        if (jar != null) {
            assertThat(jar)
                    .as("scheduler-api's jar, built in the package phase before this test")
                    .exists();
            Files.copy(jar, directory.resolve(artifactId + "-" + version + ".jar"));
        }
    }

    /**
     * Writes, compiles and lists the dependencies of the application: dependencies.txt holds the
     * list, classpath.txt its runtime class path.
     */
    private Path application(Path repository, String version) throws Exception {
        Path app = work.resolve("submit-only-app");
        Path source = app.resolve("src/main/java/app");
        Files.createDirectories(source);
        Files.writeString(source.resolve("SubmitOnly.java"), """
                package app;

                import com.jobladder.api.JobRequest;
                import com.jobladder.api.JobScheduler;
                import com.jobladder.client.JobSchedulerBuilder;
                import java.nio.file.Path;
                import java.time.Duration;

                public final class SubmitOnly {
                    public static void main(String[] args) {
                        try (JobScheduler scheduler = JobSchedulerBuilder.fromFile(Path.of(args[0])).build()) {
                            System.out.println("scheduled " + scheduler.schedule(JobRequest.ofType("send-email")
                                    .after(Duration.ofMinutes(10))).id());
                            try {
                                System.out.println("status: " + scheduler.status("welcome-1").state());
                            } catch (RuntimeException e) {
                                System.out.println("status: " + e.getMessage());
                            }
                        }
                    }
                }
                """);
        String localRepository =
                Path.of(property("jobladder.maven.repository")).toUri().toString();
        Files.writeString(app.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>app</groupId><artifactId>submit-only</artifactId><version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <repositories>
                    <repository><id>this-build</id><url>%1$s</url></repository>
                    <repository><id>local-cache</id><url>%2$s</url></repository>
                  </repositories>
                  <pluginRepositories>
                    <pluginRepository><id>local-cache</id><url>%2$s</url></pluginRepository>
                  </pluginRepositories>
                  <dependencies>
                    <dependency><groupId>com.jobladder</groupId><artifactId>scheduler-api</artifactId><version>%3$s</version></dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>%4$s</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>%5$s</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>%6$s</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(
                        repository.toUri(),
                        localRepository,
                        version,
                        property("jobladder.resources-plugin.version"),
                        property("jobladder.compiler-plugin.version"),
                        property("jobladder.dependency-plugin.version")));

        Path log = work.resolve("maven.log");
        // Offline, with file: repositories allowed: the build reads nothing from the network, and its
        // own local repository keeps it from touching the shared one.
        Process maven = new ProcessBuilder(
                        property("jobladder.maven"),
                        "-B",
                        "-o",
                        "-Daether.offline.protocols=file",
                        "-Dmaven.repo.local=" + work.resolve("local-repository"),
                        "compile",
                        "dependency:list",
                        "-DoutputFile=dependencies.txt",
                        "-DappendOutput=false",
                        "dependency:build-classpath",
                        "-Dmdep.outputFile=classpath.txt",
                        "-Dmdep.includeScope=runtime")
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = maven.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            maven.destroyForcibly();
        }
        assertThat(finished)
                .as("Maven building the application within 5 minutes")
                .isTrue();
        assertThat(maven.exitValue())
                .as("Maven's exit status; its output:\n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isZero();
        return app;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value)
                .as("system property %s, which scheduler-api's POM gives failsafe", name)
                .isNotBlank();
        return value;
    }
}
