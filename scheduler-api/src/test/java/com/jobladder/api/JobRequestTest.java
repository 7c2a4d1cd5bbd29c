package com.jobladder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobRequestTest {
    @Test
    void aRequestGetsItsIdWhenBuiltSoSchedulingItAgainReusesIt() {
        JobRequest request = JobRequest.ofType("send-email").payload("hi").after(Duration.ofMinutes(1));

        assertThat(request.id()).isNotNull();
        assertThat(UUID.fromString(request.id()).version()).isEqualTo(7);
        assertThat(request.id()).isEqualTo(request.id());
        assertThat(JobRequest.ofType("send-email").now().id()).isNotEqualTo(request.id());
    }

    @Test
    void aCallersIdIsKept() {
        assertThat(JobRequest.ofType("send-email").id("invoice-42").now().id()).isEqualTo("invoice-42");
    }

    @Test
    void aContentTypeLongerThanAnAmqpShortStringIsRefusedWhenSet() {
        assertThatThrownBy(() -> JobRequest.ofType("send-email").payload(new byte[0], "a/" + "b".repeat(254)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("job of type send-email: content type of 256 characters is invalid: expected 1 to 255"
                        + " printable ASCII characters (an AMQP short string), such as \"application/json\"");
        assertThat(JobRequest.ofType("send-email")
                        .payload(new byte[0], "a/" + "b".repeat(253))
                        .now()
                        .contentType())
                .hasSize(255);
    }

    @Test
    void aContentTypeWithControlOrNonAsciiCharactersIsRefused() {
        assertThatThrownBy(() -> JobRequest.ofType("send-email").payload(new byte[0], "text/plain\r\nx: y"))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> JobRequest.ofType("send-email").payload(new byte[0], "text/plain; é"))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new JobRequest(null, "send-email", new byte[0], "", null, Duration.ZERO, null))
                .hasMessageContaining("content type of 0 characters is invalid");
    }

    @Test
    void aRequestsPayloadCannotBeChangedThroughTheArrayGivenOrTheArrayReturned() {
        byte[] given = {1, 2, 3};
        JobRequest.Builder builder = JobRequest.ofType("blob").payload(given, "application/octet-stream");
        given[0] = 9;
        JobRequest request = builder.now();
        request.payload()[1] = 9;

        assertThat(request.payload()).containsExactly(1, 2, 3);
        byte[] direct = {1, 2, 3};
        JobRequest built = new JobRequest("b-1", "blob", direct, "application/octet-stream", null, Duration.ZERO, null);
        direct[2] = 9;
        assertThat(built.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void requestsWithEqualPayloadsAreEqualAndPrintTheirSizeNotTheirBytes() {
        JobRequest one = JobRequest.ofType("blob").id("b-1").payload("hi").now();
        JobRequest two = JobRequest.ofType("blob").id("b-1").payload("hi").now();

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one)
                .isNotEqualTo(JobRequest.ofType("blob").id("b-1").payload("ho").now());
        assertThat(one.toString()).contains("payload=2 bytes").doesNotContain("[B@");
    }
}
