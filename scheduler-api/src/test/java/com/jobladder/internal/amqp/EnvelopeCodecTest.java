package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobLimits;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every header is checked when a delivery is decoded, so bad values end as poison, never in SQL or arithmetic. */
class EnvelopeCodecTest {
    private static final long DUE = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    @Test
    void aJobEncodedByTheCodecDecodesToTheSameEnvelope() {
        Envelope sent = new Envelope(
                "invoice-42",
                "send-email",
                new byte[] {1, 2},
                "application/json",
                Instant.ofEpochMilli(DUE),
                3,
                Instant.ofEpochMilli(DUE - 5),
                "nightly",
                7);
        Envelope received = EnvelopeCodec.decode(EnvelopeCodec.properties(sent), sent.payload());
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    }

    /**
     * RabbitMQ's native delayed delivery on quorum queues (reported for 4.4) reads the absolute
     * epoch-ms header {@code x-opt-delivery-time}: a header of ours by that name would make a broker
     * that offers it hold our jobs on its own. Every header we write is one of ours, {@code job-*}.
     */
    @Test
    void everyHeaderOfTheWireFormatIsOursAndNoneIsTheBrokersNativeDelayHeader() throws IllegalAccessException {
        Envelope full = new Envelope(
                "invoice-42",
                "send-email",
                new byte[] {1},
                "application/json",
                Instant.ofEpochMilli(DUE),
                2,
                Instant.ofEpochMilli(DUE - 5),
                "nightly",
                7);
        List<String> names = new java.util.ArrayList<>(
                EnvelopeCodec.properties(full).getHeaders().keySet());
        for (java.lang.reflect.Field field : EnvelopeCodec.class.getFields()) {
            if (field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        assertThat(names)
                .contains(EnvelopeCodec.DUE_AT, EnvelopeCodec.SCHEDULE, EnvelopeCodec.DEAD_REASON)
                .doesNotContain("x-opt-delivery-time")
                .allSatisfy(name -> assertThat(name).startsWith("job-"));
    }

    @Test
    void anEnvelopeKeepsItsPayloadWhateverHappensToTheArraysGivenAndReturned() {
        byte[] body = {1, 2, 3};
        Envelope envelope = new Envelope(
                "invoice-42",
                "send-email",
                body,
                "application/json",
                Instant.ofEpochMilli(DUE),
                1,
                Instant.ofEpochMilli(DUE),
                null,
                null);
        body[0] = 9;
        envelope.payload()[1] = 9;

        assertThat(envelope.payload()).containsExactly(1, 2, 3);
        assertThat(envelope.payloadLength()).isEqualTo(3);
        assertThat(envelope.retry(2, Instant.ofEpochMilli(DUE)).payload()).containsExactly(1, 2, 3);
        assertThat(envelope)
                .isEqualTo(new Envelope(
                        "invoice-42",
                        "send-email",
                        new byte[] {1, 2, 3},
                        "application/json",
                        Instant.ofEpochMilli(DUE),
                        1,
                        Instant.ofEpochMilli(DUE),
                        null,
                        null));
        assertThat(envelope.toString()).contains("payload=3 bytes");
    }

    @Test
    void headersSentAsTextByOtherClientsAreRead() {
        Envelope envelope = decode(headers(
                EnvelopeCodec.DUE_AT,
                LongStringHelper.asLongString(" " + DUE + " "),
                EnvelopeCodec.ATTEMPT,
                "2",
                EnvelopeCodec.SCHEDULE,
                LongStringHelper.asLongString("beat")));
        assertThat(envelope.dueAt().toEpochMilli()).isEqualTo(DUE);
        assertThat(envelope.attempt()).isEqualTo(2);
        assertThat(envelope.scheduleName()).isEqualTo("beat");
    }

    @Test
    void dueAtMustBeAnIntegerWithinYears1970To9999() {
        refused(headers(), "header job-due-at is missing: expected an integer");
        refused(headers(EnvelopeCodec.DUE_AT, "abc"), "header job-due-at = \"abc\": expected an integer");
        refused(headers(EnvelopeCodec.DUE_AT, 1.5e12), "job-due-at = 1.5E12: expected an integer");
        refused(
                headers(EnvelopeCodec.DUE_AT, Long.MIN_VALUE),
                "header job-due-at = " + Long.MIN_VALUE
                        + ": expected epoch milliseconds from 0 (1970-01-01T00:00:00Z) to 253402300799999"
                        + " (9999-12-31T23:59:59.999Z)");
        refused(headers(EnvelopeCodec.DUE_AT, Long.MAX_VALUE), "job-due-at = " + Long.MAX_VALUE + ": expected epoch");
        refused(headers(EnvelopeCodec.DUE_AT, -1L), "job-due-at = -1: expected epoch");
        refused(headers(EnvelopeCodec.DUE_AT, EnvelopeCodec.LATEST_MILLIS + 1), "expected epoch milliseconds");
        assertThat(decode(headers(EnvelopeCodec.DUE_AT, EnvelopeCodec.LATEST_MILLIS))
                        .dueAt())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
        assertThat(decode(headers(EnvelopeCodec.DUE_AT, 0)).dueAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void submittedAtMustBeWithinTheSameRange() {
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SUBMITTED_AT, -5L),
                "header job-submitted-at = -5: expected epoch milliseconds");
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SUBMITTED_AT, "soon"),
                "header job-submitted-at = \"soon\": expected an integer");
    }

    @Test
    void aTimestampPropertyOutOfRangeIsIgnoredNotFatal() {
        AMQP.BasicProperties properties = properties(headers(EnvelopeCodec.DUE_AT, DUE))
                .builder()
                .timestamp(new Date(Long.MAX_VALUE))
                .build();
        assertThat(EnvelopeCodec.decode(properties, new byte[0]).submittedAt()).isEqualTo(Instant.ofEpochMilli(DUE));
    }

    @Test
    void attemptMustBeFromOneToTheBound() {
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.ATTEMPT, 0),
                "job-attempt = 0: expected an integer" + " from 1 to 1000000");
        refused(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.ATTEMPT, -3), "job-attempt = -3");
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.ATTEMPT, Integer.MAX_VALUE + 1L),
                "job-attempt = 2147483648: expected an integer from 1 to 1000000");
        refused(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.ATTEMPT, "two"), "job-attempt = \"two\"");
        assertThat(decode(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.ATTEMPT, JobLimits.MAX_ATTEMPTS))
                        .attempt())
                .isEqualTo(JobLimits.MAX_ATTEMPTS);
    }

    @Test
    void maxAttemptsMustBeFromOneToTheBoundNeverCastSilently() {
        refused(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.MAX_ATTEMPTS, 0), "job-max-attempts = 0");
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.MAX_ATTEMPTS, 4_294_967_297L),
                "job-max-attempts = 4294967297: expected an integer from 1 to 1000000");
        assertThat(decode(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.MAX_ATTEMPTS, 12))
                        .maxAttempts())
                .isEqualTo(12);
    }

    @Test
    void aHeaderOfTheWrongAmqpTypeIsNamedNotDumped() {
        refused(
                headers(EnvelopeCodec.DUE_AT, Map.of("a", 1)),
                "job-due-at = <table of 1 entries>: expected an"
                        + " integer (or decimal text), got a table of 1 entries");
        refused(headers(EnvelopeCodec.DUE_AT, new byte[] {1, 2, 3}), "got a byte array of 3 bytes");
        refused(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.ATTEMPT, List.of(1)), "got an array of 1 values");
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SCHEDULE, 42),
                "job-schedule = 42: expected a" + " string");
    }

    @Test
    void scheduleMustFitItsAuditColumnWithoutControlCharacters() {
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SCHEDULE, "s".repeat(201)),
                "expected the name of a cron schedule, 1 to 200 characters without control characters");
        refused(
                headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SCHEDULE, "nightly\u0000"),
                "job-schedule = \"nightly\\u0000\"");
        refused(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SCHEDULE, ""), "job-schedule = \"\"");
        assertThat(decode(headers(EnvelopeCodec.DUE_AT, DUE, EnvelopeCodec.SCHEDULE, "s".repeat(200)))
                        .scheduleName())
                .hasSize(200);
    }

    @Test
    void contentTypeMustBeAtMost255Bytes() {
        AMQP.BasicProperties tooLong = properties(headers(EnvelopeCodec.DUE_AT, DUE))
                .builder()
                .contentType("application/" + "é".repeat(125))
                .build();
        assertThatThrownBy(() -> EnvelopeCodec.decode(tooLong, new byte[0]))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("is longer than 255 bytes");
    }

    @Test
    void idAndTypeAreCheckedAndTheirRawValuesEscapedInTheReason() {
        AMQP.BasicProperties nulInId = properties(headers(EnvelopeCodec.DUE_AT, DUE))
                .builder()
                .messageId("job\u0000\n1")
                .build();
        assertThatThrownBy(() -> EnvelopeCodec.decode(nulInId, new byte[0]))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("message-id: job id \"job\\u0000\\n1\" is invalid")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\n"));
        AMQP.BasicProperties upperType = properties(headers(EnvelopeCodec.DUE_AT, DUE))
                .builder()
                .type("Mail")
                .build();
        assertThatThrownBy(() -> EnvelopeCodec.decode(upperType, new byte[0])).hasMessageStartingWith("type: ");
        AMQP.BasicProperties noId = properties(headers(EnvelopeCodec.DUE_AT, DUE))
                .builder()
                .messageId(null)
                .build();
        assertThatThrownBy(() -> EnvelopeCodec.decode(noId, new byte[0]))
                .hasMessage("message-id is missing:" + " expected the job id");
    }

    @Test
    void aLongRawValueIsCappedInTheReason() {
        String huge = "9".repeat(5000) + "x";
        assertThatThrownBy(() -> decode(headers(EnvelopeCodec.DUE_AT, huge)))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300))
                .hasMessageContaining("more characters)");
    }

    private static void refused(Map<String, Object> headers, String reason) {
        assertThatThrownBy(() -> decode(headers))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining(reason);
    }

    private static Envelope decode(Map<String, Object> headers) {
        return EnvelopeCodec.decode(properties(headers), new byte[0]);
    }

    private static AMQP.BasicProperties properties(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .messageId("job-1")
                .type("mail")
                .headers(headers)
                .build();
    }

    private static Map<String, Object> headers(Object... keysAndValues) {
        Map<String, Object> headers = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            headers.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return headers;
    }
}
