package com.jobladder.example.spring;

import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.util.Map;

/**
 * The example's properties for a test: the shared broker under a namespace of the test's own (deleted at
 * exit with the rest of the run's), a PostgreSQL database of its own (dropped at exit), and the compact
 * ladder of classic queues the other tests use, so that the shared broker stays light. The readiness group
 * shows its components, for the test to see the worker's among them.
 */
final class TestSettings {
    private TestSettings() {}

    static Map<String, Object> properties(String namespace, String jdbcUrl) {
        return Map.ofEntries(
                Map.entry("jobladder.broker.uri", TestBroker.uri()),
                Map.entry("jobladder.broker.namespace", namespace),
                Map.entry("jobladder.broker.connection-timeout", "30s"),
                Map.entry("jobladder.broker.confirm-timeout", "30s"),
                Map.entry("jobladder.ladder.radix", "8"),
                Map.entry("jobladder.ladder.levels", "6"),
                Map.entry("jobladder.ladder.queue-type", "classic"),
                Map.entry("jobladder.ladder.window", "512ms"),
                Map.entry("jobladder.audit.jdbc-url", jdbcUrl),
                Map.entry("jobladder.audit.username", TestPostgres.USER),
                Map.entry("jobladder.audit.password", TestPostgres.PASSWORD),
                Map.entry("management.endpoint.health.group.readiness.show-components", "always"),
                Map.entry("server.port", "0"));
    }
}
