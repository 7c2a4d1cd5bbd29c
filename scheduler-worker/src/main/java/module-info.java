/**
 * The worker: {@code com.jobladder.worker.Worker} embeds one in an application; the rest is the
 * daemon that {@code scheduler worker} runs (engine, cron, audit log, HTTP, command line) and may
 * change in any release.
 */
// requires-automatic: amqp-client, Typesafe Config, Guice, cron-utils, Flyway, HdrHistogram and Micrometer ship no
// module-info. Flyway and HdrHistogram do not even name their modules, so their names come from the jar files: the
// worker runs on the class path (bin/scheduler, an embedding application), and this descriptor keeps the packages
// apart at compile time.
@SuppressWarnings("requires-automatic")
module com.jobladder.worker {
    requires transitive com.jobladder.api;
    requires HdrHistogram;
    requires com.cronutils;
    requires com.google.guice;
    requires com.rabbitmq.client;
    requires flyway.core;
    requires info.picocli;
    requires jakarta.inject;
    requires java.net.http;
    requires java.sql;
    requires jdk.unsupported;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.util.ajax;
    requires org.slf4j;
    requires typesafe.config;

    exports com.jobladder.worker;

    // Guice builds the daemon; picocli fills the commands' options.
    opens com.jobladder.internal.daemon to
            com.google.guice;
    opens com.jobladder.internal.cli to
            info.picocli;
}
