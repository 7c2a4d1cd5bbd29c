package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleCodecTest {
    private static final Instant DUE = Instant.parse("2026-12-07T22:00:00.123Z");
    private static final Instant SUBMITTED = Instant.parse("2026-12-07T21:59:50Z");

    private static Envelope envelope(String id, String schedule, Integer maxAttempts, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        return new Envelope(id, "mail", payload, "application/json", DUE, 3, SUBMITTED, schedule, maxAttempts);
    }

    @Test
    void everyJobOfABundleDecodesToTheEnvelopeThatWentIn() {
        List<Envelope> in = List.of(
                envelope("a-1", null, null, 0),
                envelope("b-2", "nightly-report", 7, 300),
                envelope("ü-is-not-an-id-but-travels", null, null, 1));
        byte[] body = BundleCodec.encode(in);
        assertThat(body).hasSize(8 + in.stream().mapToInt(BundleCodec::size).sum());

        List<BundleCodec.Job> jobs = BundleCodec.decode(BundleCodec.properties("bundle-1", "mail", 3), body);
        assertThat(jobs).hasSize(3);
        assertThat(EnvelopeCodec.decode(jobs.get(0).properties(), jobs.get(0).body()))
                .isEqualTo(in.get(0));
        assertThat(EnvelopeCodec.decode(jobs.get(1).properties(), jobs.get(1).body()))
                .isEqualTo(in.get(1));
        assertThat(jobs.get(2).properties().getMessageId()).isEqualTo("ü-is-not-an-id-but-travels");
        assertThatThrownBy(() -> EnvelopeCodec.decode(
                        jobs.get(2).properties(), jobs.get(2).body()))
                .as("a job's fields are validated as a one-job message's")
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("message-id");
    }

    @Test
    void aBundleIsKnownByItsHeaderAndNothingElse() {
        assertThat(BundleCodec.isBundle(BundleCodec.properties("bundle-1", "mail", 2)))
                .isTrue();
        assertThat(BundleCodec.isBundle(EnvelopeCodec.properties(envelope("a-1", null, null, 1))))
                .isFalse();
    }

    @Test
    void aBrokenStructureIsRefusedSayingWhere() {
        var properties = BundleCodec.properties("bundle-1", "mail", 2);
        byte[] body = BundleCodec.encode(List.of(envelope("a-1", null, null, 10), envelope("b-2", null, null, 10)));

        assertThatThrownBy(() -> BundleCodec.decode(properties, Arrays.copyOf(body, body.length - 1)))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("job 1 of the bundle has a payload of 10 bytes where 9 remain");
        assertThatThrownBy(() -> BundleCodec.decode(properties, Arrays.copyOf(body, body.length - 12)))
                .hasMessageContaining("in the middle of its structure");
        assertThatThrownBy(() -> BundleCodec.decode(properties, Arrays.copyOf(body, body.length + 3)))
                .hasMessageContaining("3 bytes after its 2 jobs");
        assertThatThrownBy(() -> BundleCodec.decode(properties, "JLB".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("in the middle of its structure");
        assertThatThrownBy(() -> BundleCodec.decode(properties, "{\"jobs\":[]}".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("does not start with JLB");
    }

    @Test
    void countsAndLengthsThatPassDecodingButPointPastTheBodyAreRefusedBeforeAnythingIsAllocated() {
        var properties = BundleCodec.properties("bundle-1", "mail", 1);
        byte[] huge = ByteBuffer.allocate(8)
                .put(new byte[] {'J', 'L', 'B', 1})
                .putInt(Integer.MAX_VALUE)
                .array();
        assertThatThrownBy(() -> BundleCodec.decode(properties, huge))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("holds 2147483647 jobs in 8 bytes");
        byte[] negative = ByteBuffer.allocate(8)
                .put(new byte[] {'J', 'L', 'B', 1})
                .putInt(-1)
                .array();
        assertThatThrownBy(() -> BundleCodec.decode(properties, negative)).hasMessageContaining("holds -1 jobs");

        byte[] body = BundleCodec.encode(List.of(envelope("a-1", null, null, 4)));
        // The payload length is the last int before the 4 payload bytes.
        ByteBuffer.wrap(body).putInt(body.length - 8, Integer.MAX_VALUE);
        assertThatThrownBy(() -> BundleCodec.decode(properties, body))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("payload of 2147483647 bytes where 4 remain");
    }
}
