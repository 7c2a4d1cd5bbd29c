package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which broker versions the worker warns about at connect. */
class BrokerVersionTest {
    @Test
    void versionsThatStrandOrLoseJobsAreNamedWithTheirRiskAndDocSection() {
        assertThat(BrokerVersion.risk("RabbitMQ", "3.10.8"))
                .contains("pull request 9221")
                .contains("docs/operations.md, \"Stranded ladder queues\"");
        assertThat(BrokerVersion.risk("RabbitMQ", "3.12.14")).contains("Stranded ladder queues");
        assertThat(BrokerVersion.risk("RabbitMQ", "3.9.29")).contains("can be lost");
        assertThat(BrokerVersion.risk("SomeBroker", "1.0")).contains("tested on RabbitMQ only");
        assertThat(BrokerVersion.risk("RabbitMQ", "unknown")).contains("not one JobLadder recognises");
    }

    @Test
    void currentVersionsCarryNoWarning() {
        assertThat(BrokerVersion.risk("RabbitMQ", "3.13.7")).isNull();
        assertThat(BrokerVersion.risk("RabbitMQ", "4.0.5")).isNull();
        assertThat(BrokerVersion.risk("RabbitMQ", "4.2.1")).isNull();
    }
}
