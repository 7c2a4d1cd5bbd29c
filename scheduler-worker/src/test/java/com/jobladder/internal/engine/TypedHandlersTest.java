package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobType;
import com.jobladder.api.UndecodablePayloadException;
import com.jobladder.handler.JobContext;
import com.jobladder.handler.JobHandler;
import com.jobladder.handler.JobHandlers;
import com.jobladder.handler.TypedJobHandler;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.worker.Worker;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TypedHandlersTest {
    public record Email(String to) {}

    static final JobType<Email> SEND_EMAIL = JobType.json("send-email", Email.class);
    static final List<String> SENT = new CopyOnWriteArrayList<>();

    /** A handler Guice builds, with a dependency of its own. */
    static final class SendEmailHandler implements TypedJobHandler<Email> {
        private final List<String> outbox;

        @Inject
        SendEmailHandler() {
            this.outbox = SENT;
        }

        @Override
        public void handle(Email email, JobContext job) {
            outbox.add(email.to() + " by " + job.jobId());
        }
    }

    @Test
    void aTypedHandlerClassRegisteredWithGuiceReceivesTheDecodedPayload() throws Exception {
        Map<String, JobHandler> handlers = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(ConfigLoader.defaults(Map.of()), Clock.systemUTC()),
                        binder -> JobHandlers.register(binder, SEND_EMAIL, SendEmailHandler.class))
                .getInstance(Key.get(new TypeLiteral<Map<String, JobHandler>>() {}));

        handlers.get("send-email").handle(job("mail-1", "{\"to\":\"ada@example.com\"}"));

        assertThat(SENT).containsExactly("ada@example.com by mail-1");
        assertThatThrownBy(() -> handlers.get("send-email").handle(job("mail-2", "{")))
                .isInstanceOf(UndecodablePayloadException.class)
                .hasMessageStartingWith("the payload of job type send-email does not decode with JSON codec for "
                        + Email.class.getName());
    }

    @Test
    void theWorkerBuilderTakesOneHandlerPerTypeAndRefusesMissingPieces() {
        Worker.Builder builder = Worker.builder().handle(SEND_EMAIL, (email, job) -> {});

        assertThatThrownBy(() -> builder.handle("send-email", job -> {}))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("job type send-email has a handler already: expected one handler per type");
        assertThatThrownBy(() -> builder.handle("Bad Type", job -> {})).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> builder.handle(SEND_EMAIL, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("handler of job type send-email is null: expected a value");
        assertThatThrownBy(() -> builder.settings(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aHandlerCannotChangeThePayloadOthersSee() {
        byte[] payload = "hi".getBytes(StandardCharsets.UTF_8);
        JobContext job = new JobContext("j-1", "note", payload, "text/plain", Instant.EPOCH, 1, null);
        payload[0] = 'X';
        job.payload()[1] = 'X';

        assertThat(job.payloadText()).isEqualTo("hi");
        assertThat(job)
                .isEqualTo(new JobContext(
                        "j-1", "note", "hi".getBytes(StandardCharsets.UTF_8), "text/plain", Instant.EPOCH, 1, null));
        assertThat(job.toString()).contains("payload=2 bytes");
    }

    private static JobContext job(String id, String json) {
        return new JobContext(
                id, "send-email", json.getBytes(StandardCharsets.UTF_8), "application/json", Instant.EPOCH, 1, null);
    }
}
