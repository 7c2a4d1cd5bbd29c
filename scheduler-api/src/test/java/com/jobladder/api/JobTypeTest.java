package com.jobladder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTypeTest {
    public record Email(String to, String subject) {}

    /** Jackson refuses to write a class with nothing to write. */
    public static final class Opaque {}

    static final JobType<Email> SEND_EMAIL = JobType.json("send-email", Email.class);

    @Test
    void aJsonTypedRequestIsAnOrdinaryRequestWhoseBytesDecodeToTheSamePayload() {
        JobRequest request = SEND_EMAIL
                .with(new Email("ada@example.com", "Hello"))
                .id("mail-1")
                .maxAttempts(2)
                .after(Duration.ofMinutes(5));

        assertThat(request.type()).isEqualTo("send-email");
        assertThat(request.id()).isEqualTo("mail-1");
        assertThat(request.maxAttempts()).isEqualTo(2);
        assertThat(request.after()).isEqualTo(Duration.ofMinutes(5));
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(new String(request.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"to\":\"ada@example.com\",\"subject\":\"Hello\"}");
        assertThat(SEND_EMAIL.decode(request.payload())).isEqualTo(new Email("ada@example.com", "Hello"));
    }

    @Test
    void aTypedRequestCanBeDueAtAnInstantOrNow() {
        Instant at = Instant.parse("2030-01-01T09:00:00Z");
        assertThat(SEND_EMAIL.with(new Email("a@b", "s")).at(at).at()).isEqualTo(at);
        assertThat(SEND_EMAIL.with(new Email("a@b", "s")).now().after()).isEqualTo(Duration.ZERO);
    }

    @Test
    void jsonFieldsThePayloadClassDoesNotKnowAreIgnoredSoProducersMayAddFieldsFirst() {
        byte[] newer = "{\"to\":\"a@b\",\"subject\":\"s\",\"priority\":3}".getBytes(StandardCharsets.UTF_8);
        assertThat(SEND_EMAIL.decode(newer)).isEqualTo(new Email("a@b", "s"));
    }

    @Test
    void aPayloadThatIsNotJsonOfTheClassSaysWhichTypeWhichCodecAndWhatWasWrong() {
        assertThatThrownBy(() -> SEND_EMAIL.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodablePayloadException.class)
                .isInstanceOf(JobladderException.class)
                .hasMessageStartingWith("the payload of job type send-email does not decode with JSON codec for "
                        + Email.class.getName() + " (application/json): ")
                .hasMessageContaining("Unrecognized token 'not'");
        assertThatThrownBy(() -> SEND_EMAIL.decode("null".getBytes(StandardCharsets.UTF_8)))
                .hasMessageEndingWith("the payload is JSON null: expected a " + Email.class.getName());
    }

    @Test
    void textAndBytesAreBuiltInWithTheirContentTypes() {
        JobType<String> note = JobType.text("note");
        JobRequest text = note.with("héllo").now();
        assertThat(text.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(note.decode(text.payload())).isEqualTo("héllo");

        JobType<byte[]> blob = JobType.bytes("blob");
        JobRequest bytes = blob.with(new byte[] {1, 2, 3}).now();
        assertThat(bytes.contentType()).isEqualTo(JobRequest.DEFAULT_CONTENT_TYPE);
        assertThat(blob.decode(bytes.payload())).containsExactly(1, 2, 3);
    }

    @Test
    void textThatIsNotUtf8DoesNotDecodeInsteadOfBecomingReplacementCharacters() {
        assertThatThrownBy(() -> JobType.text("note").decode(new byte[] {(byte) 0xC3, (byte) 0x28}))
                .isInstanceOf(UndecodablePayloadException.class)
                .hasMessageStartingWith("the payload of job type note does not decode with text codec"
                        + " (text/plain; charset=utf-8): the payload is not valid UTF-8");
    }

    @Test
    void aPayloadTheCodecCannotEncodeIsRefusedWhenTheRequestIsBuilt() {
        JobType<Opaque> opaque = JobType.json("opaque", Opaque.class);
        assertThatThrownBy(() -> opaque.with(new Opaque()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("payload of job type opaque cannot be encoded with JSON codec for "
                        + Opaque.class.getName() + " (application/json): cannot write " + Opaque.class.getName()
                        + " as JSON");
    }

    @Test
    void aNullPayloadCodecOrAnInvalidNameIsRefusedAtOnce() {
        assertThatThrownBy(() -> SEND_EMAIL.with(null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("payload of job type send-email is null: expected a value");
        assertThatThrownBy(() -> JobType.of("x", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("codec of job type x is null: expected a value");
        assertThatThrownBy(() -> JobType.json("Send Email", Email.class))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("job type \"Send Email\" is invalid");
    }

    @Test
    void aCodecOfTheApplicationsOwnNamesItsContentType() {
        JobCodec<Integer> decimal = new JobCodec<>() {
            @Override
            public String contentType() {
                return "text/x-decimal";
            }

            @Override
            public byte[] encode(Integer payload) {
                return payload.toString().getBytes(StandardCharsets.US_ASCII);
            }

            @Override
            public Integer decode(byte[] bytes) {
                return Integer.valueOf(new String(bytes, StandardCharsets.US_ASCII));
            }
        };
        JobType<Integer> count = JobType.of("count", decimal);
        JobRequest request = count.with(42).now();
        assertThat(request.contentType()).isEqualTo("text/x-decimal");
        assertThat(count.decode(request.payload())).isEqualTo(42);
        assertThatThrownBy(() -> count.decode(new byte[] {'x'}))
                .isInstanceOf(UndecodablePayloadException.class)
                .hasMessageContaining("For input string: \"x\"");
    }
}
