package com.jobladder.internal.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Where the broker is and how the client talks to it. {@link #toString()} hides the password.
 *
 * @param addresses   the nodes of a cluster as host:port, tried in shuffled order; empty for the
 *                    URI's own host and port. The URI still gives credentials, vhost and TLS
 * @param maxInFlight publishes awaiting the broker's confirm at once; a publish beyond it waits for a
 *                    slot, up to {@code confirmTimeout}
 * @param bundleMaxJobs the most jobs a submitting client puts in one message (a bundle); 1 sends each alone
 * @param bundleLinger  the shortest time between two rounds of a submitting client's messages
 */
public record BrokerSettings(
        String uri,
        List<String> addresses,
        String namespace,
        Duration confirmTimeout,
        Duration connectionTimeout,
        int publisherChannels,
        int maxInFlight,
        int bundleMaxJobs,
        Duration bundleLinger) {
    public BrokerSettings {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return "BrokerSettings[uri=" + Secrets.redact(uri) + ", addresses=" + addresses + ", namespace=" + namespace
                + ", confirmTimeout=" + confirmTimeout + ", connectionTimeout=" + connectionTimeout
                + ", publisherChannels=" + publisherChannels + ", maxInFlight=" + maxInFlight + ", bundleMaxJobs="
                + bundleMaxJobs + ", bundleLinger=" + bundleLinger + "]";
    }

    /** The virtual host the URI names, decoded; "/" when it names none, as amqp-client reads it. */
    public String vhost() {
        String path = URI.create(uri).getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    }

    public BrokerSettings withUri(String newUri) {
        return new BrokerSettings(
                newUri,
                addresses,
                namespace,
                confirmTimeout,
                connectionTimeout,
                publisherChannels,
                maxInFlight,
                bundleMaxJobs,
                bundleLinger);
    }

    /** These settings connecting to the given nodes, with this URI's credentials, vhost and TLS. */
    public BrokerSettings withAddresses(List<String> newAddresses) {
        return new BrokerSettings(
                uri,
                newAddresses,
                namespace,
                confirmTimeout,
                connectionTimeout,
                publisherChannels,
                maxInFlight,
                bundleMaxJobs,
                bundleLinger);
    }

    public BrokerSettings withNamespace(String newNamespace) {
        return new BrokerSettings(
                uri,
                addresses,
                newNamespace,
                confirmTimeout,
                connectionTimeout,
                publisherChannels,
                maxInFlight,
                bundleMaxJobs,
                bundleLinger);
    }
}
