package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.TestBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client given several node addresses connects to one that lives. */
@Tag("integration")
class SeveralBrokerAddressesTest {
    private static final int CLIENTS = 12;

    @TempDir
    Path dataDir;

    @Test
    void aClientGivenADeadAddressFirstAndTheLiveOneSecondConnectsAndSchedules() throws Exception {
        try (DeadNode dead = new DeadNode()) {
            SchedulerConfig shared = TestBroker.config(
                    TestBroker.uniqueNamespace("addresses"), dataDir, "jobladder.broker.connection-timeout = 5s");
            SchedulerConfig config = shared.withBroker(shared.broker()
                    .withAddresses(List.of("127.0.0.1:" + dead.port(), TestBroker.HOST + ":" + TestBroker.PORT)));

            for (int i = 0; i < CLIENTS; i++) {
                try (JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
                    assertThat(scheduler
                                    .schedule(JobRequest.ofType("ping")
                                            .id("job-" + i)
                                            .after(Duration.ofMinutes(1)))
                                    .id())
                            .isEqualTo("job-" + i);
                }
            }
            // The order is shuffled on every connect: over 12 clients the dead node came first at
            // least once (all 12 missing it has a chance of 1 in 4,096).
            assertThat(dead.attempts()).isPositive();
        }
    }

    @Test
    void whenNoAddressAnswersTheErrorNamesThemAll() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchedulerConfig shared = TestBroker.config(
                TestBroker.uniqueNamespace("noaddress"), dataDir, "jobladder.broker.connection-timeout = 2s");
        SchedulerConfig config = shared.withBroker(shared.broker()
                .withUri("amqp://guest:secret@ignored/%2f")
                .withAddresses(List.of("127.0.0.1:" + closedPort, "localhost:" + closedPort)));

        assertThatThrownBy(() -> JobSchedulerBuilder.fromSettings(config).build())
                .isInstanceOf(JobladderException.class)
                .hasMessageContaining("cannot connect to the broker at any of [127.0.0.1:" + closedPort + ", localhost:"
                        + closedPort + "]")
                .hasMessageContaining("jobladder.broker.addresses")
                .hasMessageNotContaining("secret");
    }

    /** A node that accepts TCP and closes at once, as one that is going down does; it counts the attempts. */
    private static final class DeadNode implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger attempts = new AtomicInteger();

        DeadNode() throws IOException {
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try (Socket socket = server.accept()) {
                                attempts.incrementAndGet();
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "dead-node");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int attempts() {
            return attempts.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
