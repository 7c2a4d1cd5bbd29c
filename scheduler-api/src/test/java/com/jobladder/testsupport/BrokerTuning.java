package com.jobladder.testsupport;

/** The broker settings docs/broker-setup.md recommends, as an advanced.config for private nodes. */
final class BrokerTuning {
    static final String ADVANCED_CONFIG = withRabbitSettings();

    /** The recommended settings plus {@code extra} entries of the rabbit application, e.g. {@code {consumer_timeout, 5000}}. */
    static String withRabbitSettings(String... extra) {
        StringBuilder settings = new StringBuilder("""
                [{rabbit, [
                  {dead_letter_worker_consumer_prefetch, 512},
                  {dead_letter_worker_publisher_confirm_timeout, 5000}""");
        for (String entry : extra) {
            settings.append(",\n  ").append(entry);
        }
        return settings.append("\n]}].\n").toString();
    }

    private BrokerTuning() {}
}
