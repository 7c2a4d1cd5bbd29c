package com.jobladder.internal.amqp;

import com.jobladder.api.JobLimits;
import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.BrokerSettings;
import com.jobladder.internal.config.Secrets;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Opens broker connections that recover by themselves after a network failure or broker restart.
 * Given several node addresses, a connection tries them in shuffled order (amqp-client's list
 * resolver shuffles on every connect and every recovery), so clients spread over a cluster and a
 * connection whose node goes reconnects to another.
 */
public final class BrokerConnections {
    private static final int NETWORK_RECOVERY_INTERVAL_MS = 2_000;
    private static final int HEARTBEAT_SECONDS = 20;

    private BrokerConnections() {}

    public static ConnectionFactory factory(BrokerSettings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
            if (settings.uri().startsWith("amqps:")) {
                // setUri alone would trust every certificate; verify against the JVM's trust store.
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new JobladderException(
                    "broker URI " + Secrets.redact(settings.uri()) + " is unusable: " + e.getMessage()
                            + " (expected amqp://user:password@host:port/vhost or amqps://...)",
                    e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(NETWORK_RECOVERY_INTERVAL_MS);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        factory.setConnectionTimeout((int) settings.connectionTimeout().toMillis());
        factory.setHandshakeTimeout((int) settings.connectionTimeout().toMillis());
        factory.setChannelRpcTimeout((int) Math.max(settings.confirmTimeout().toMillis(), 10_000));
        // amqp-client's own limit is 64 MiB: a larger message (the broker takes up to its
        // max_message_size) broke the connection, which recovered and received it again, in a loop.
        // At the ceiling of max-payload-bytes, every job the broker lets through reaches the
        // worker's size check and goes to the dead-job queue instead.
        factory.setMaxInboundMessageBodySize(JobLimits.MAX_PAYLOAD_BYTES);
        return factory;
    }

    /** Connects, or throws saying where it tried and what to check. */
    public static Connection open(BrokerSettings settings, String connectionName) {
        ConnectionFactory factory = factory(settings);
        try {
            Connection connection = settings.addresses().isEmpty()
                    ? factory.newConnection(connectionName)
                    : factory.newConnection(addresses(settings), connectionName);
            BrokerVersion.report(connection);
            return connection;
        } catch (IOException | TimeoutException e) {
            String where = settings.addresses().isEmpty()
                    ? "at " + Secrets.redact(settings.uri())
                    : "at any of " + settings.addresses() + " (credentials and vhost from "
                            + Secrets.redact(settings.uri()) + ")";
            throw new JobladderException(
                    "cannot connect to the broker " + where + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "). Check that RabbitMQ runs there and that jobladder.broker.uri (or JOBLADDER_BROKER_URI)"
                            + " and jobladder.broker.addresses (or JOBLADDER_BROKER_ADDRESSES) are right",
                    e);
        }
    }

    /** The configured host:port entries; ConfigLoader has checked their form. */
    private static List<Address> addresses(BrokerSettings settings) {
        return settings.addresses().stream().map(Address::parseAddress).toList();
    }
}
