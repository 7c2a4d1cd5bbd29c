/**
 * What an application or a handler jar compiles against: the job types and requests
 * ({@code com.jobladder.api}), the handler API ({@code com.jobladder.handler}) and the client that
 * submits, cancels and looks up jobs ({@code com.jobladder.client}). The internal packages serve
 * the worker alone and may change in any release.
 */
// requires-automatic, requires-transitive-automatic: amqp-client, Typesafe Config, Guice, H2 and Micrometer ship no
// module-info, only an Automatic-Module-Name. module: the qualified exports name the worker, which is built after
// this module.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module com.jobladder.api {
    requires com.rabbitmq.client;
    requires com.zaxxer.hikari;
    requires java.management;
    // The outbox takes the application's JDBC Connection and DataSource.
    requires transitive java.sql;
    requires org.slf4j;
    requires typesafe.config;
    // Optional for applications: only what uses them needs them (JSON payloads, the embedded audit file). Guice
    // modules and the client's meters extend Guice's and Micrometer's types, so whoever reads this module reads them.
    requires static com.fasterxml.jackson.databind;
    requires static com.h2database;
    requires static transitive com.google.guice;
    requires static transitive micrometer.core;

    exports com.jobladder.api;
    exports com.jobladder.client;
    exports com.jobladder.handler;
    exports com.jobladder.internal.amqp to
            com.jobladder.worker;
    exports com.jobladder.internal.concurrent to
            com.jobladder.worker;
    exports com.jobladder.internal.config to
            com.jobladder.worker;
    exports com.jobladder.internal.jdbc to
            com.jobladder.worker;
    exports com.jobladder.internal.topology to
            com.jobladder.worker;
}
