package com.jobladder.config;

import java.time.Duration;

/**
 * Where the broker is and how the client talks to it. {@link #toString()} hides the password.
 *
 * @param maxInFlight publishes awaiting the broker's confirm at once; a publish beyond it waits for a
 *                    slot, up to {@code confirmTimeout}
 */
public record BrokerSettings(String uri, String namespace, Duration confirmTimeout, Duration connectionTimeout,
                             int publisherChannels, int maxInFlight) {
    @Override
    public String toString() {
        return "BrokerSettings[uri=" + Secrets.redact(uri) + ", namespace=" + namespace + ", confirmTimeout="
                + confirmTimeout + ", connectionTimeout=" + connectionTimeout + ", publisherChannels="
                + publisherChannels + ", maxInFlight=" + maxInFlight + "]";
    }

    public BrokerSettings withUri(String newUri) {
        return new BrokerSettings(newUri, namespace, confirmTimeout, connectionTimeout, publisherChannels, maxInFlight);
    }

    public BrokerSettings withNamespace(String newNamespace) {
        return new BrokerSettings(uri, newNamespace, confirmTimeout, connectionTimeout, publisherChannels, maxInFlight);
    }
}
