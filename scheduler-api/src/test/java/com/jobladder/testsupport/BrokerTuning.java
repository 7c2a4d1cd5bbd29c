package com.jobladder.testsupport;

/** The broker settings docs/broker-setup.md recommends, as an advanced.config for private nodes. */
final class BrokerTuning {
    static final String ADVANCED_CONFIG = """
            [{rabbit, [
              {dead_letter_worker_consumer_prefetch, 512},
              {dead_letter_worker_publisher_confirm_timeout, 5000}
            ]}].
            """;

    private BrokerTuning() {
    }
}
