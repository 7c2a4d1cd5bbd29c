package com.jobladder.internal.amqp;

import com.jobladder.internal.topology.TopologyDeclarer;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel a session declares its topology on, kept open for the session's life, and the
 * session's own record of what it declared. amqp-client declares again, after a reconnect, what it
 * recorded, but only through the channel that declared it, and it forgets what any channel of the
 * connection deleted: a node the connection lands on (another node, a broker that lost its data)
 * may lack the ladder or a worker queue. So {@link #declareAgain()} repeats everything from this
 * record after every recovery ({@link RedeclareAfterRecovery}). If this channel itself is closed (a
 * refused declaration), the next declaration opens another and repeats everything on it. Closing
 * the session's connection closes it: closing it alone could wait for a close-ok that a broker
 * under a memory alarm never sends.
 */
final class DeclaringChannel {
    private final Connection connection;
    private final TopologyDeclarer declarer;
    private final Set<String> declaredTypes = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private Channel channel;

    DeclaringChannel(Connection connection, TopologyDeclarer declarer) {
        this.connection = connection;
        this.declarer = declarer;
    }

    /** The delivery exchange with its safety nets and the ladder; idempotent. */
    synchronized void declareAll() throws IOException {
        declarer.declareAll(open());
    }

    /** The worker queue of {@code type}, once per session. */
    void declareWorkerQueue(String type) throws IOException {
        if (declaredTypes.contains(type)) {
            return;
        }
        synchronized (this) {
            if (!declaredTypes.contains(type)) {
                declarer.declareWorkerQueue(open(), type);
                declaredTypes.add(type);
            }
        }
    }

    /** Everything this session declared (the ladder and every worker queue so far), again. */
    synchronized void declareAgain() throws IOException {
        // On a replaced channel open() has just declared it all: twice is harmless, and rare.
        declareEverythingOn(open());
    }

    private Channel open() throws IOException {
        if (channel == null || !channel.isOpen()) {
            boolean replacing = channel != null;
            channel = connection.createChannel();
            if (replacing) {
                declareEverythingOn(channel);
            }
        }
        return channel;
    }

    private void declareEverythingOn(Channel open) throws IOException {
        declarer.declareAll(open);
        for (String type : declaredTypes) {
            declarer.declareWorkerQueue(open, type);
        }
    }
}
