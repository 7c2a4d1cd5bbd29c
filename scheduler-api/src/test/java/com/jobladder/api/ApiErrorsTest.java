package com.jobladder.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.client.JobSchedulerBuilder;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Whatever the API refuses, it refuses with a JobladderException that says what was wrong. */
class ApiErrorsTest {

    @Test
    void everyInvalidArgumentIsAJobladderExceptionWithAMessage() {
        List<ThrowingCallable> invalid = List.of(
                () -> JobRequest.ofType(null),
                () -> JobRequest.ofType("send-email").id("has space"),
                () -> JobRequest.ofType("send-email").payload((String) null),
                () -> JobRequest.ofType("send-email").payload(null, "text/plain"),
                () -> JobRequest.ofType("send-email").payload(new byte[0], null),
                () -> JobRequest.ofType("send-email").after(null),
                () -> JobRequest.ofType("send-email").after(Duration.ofSeconds(-1)),
                () -> JobRequest.ofType("send-email").at(null),
                () -> JobRequest.ofType("send-email").maxAttempts(0).now(),
                () -> new JobRequest(null, "send-email", null, "text/plain", null, Duration.ZERO, null),
                () -> JobIds.requireValid(""),
                () -> JobTypes.requireValid("UPPER"),
                () -> JobType.text("note").with(null),
                () -> JobType.json("send-email", null),
                () -> JobSchedulerBuilder.fromSettings(null),
                () -> JobSchedulerBuilder.fromFile(null));
        for (ThrowingCallable call : invalid) {
            assertThatThrownBy(call)
                    .isInstanceOf(InvalidRequestException.class)
                    .isInstanceOf(JobladderException.class)
                    .message()
                    .isNotBlank();
        }
    }
}
