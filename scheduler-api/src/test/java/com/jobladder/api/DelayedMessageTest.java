package com.jobladder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DelayedMessageTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aDelayOrADueInstantBecomesTheMillisecondsOfXDelay() {
        assertThat(DelayedMessage.to("orders.delayed", "k")
                        .after(Duration.ofSeconds(5))
                        .delayMillis(CLOCK))
                .isEqualTo(5000);
        assertThat(DelayedMessage.to("orders.delayed", "k")
                        .at(NOW.plusMillis(1234))
                        .delayMillis(CLOCK))
                .isEqualTo(1234);
        assertThat(DelayedMessage.to("orders.delayed", "k")
                        .at(NOW.minusSeconds(60))
                        .delayMillis(CLOCK))
                .isZero();
    }

    @Test
    void theBodyIsCopiedInAndOut() {
        byte[] body = {1, 2};
        DelayedMessage message =
                DelayedMessage.to("d", "k").body(body, "text/plain").after(Duration.ZERO);
        body[0] = 9;
        message.body()[1] = 9;
        assertThat(message.body()).containsExactly(1, 2);
    }

    @Test
    void whatAMessageCannotCarryIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> DelayedMessage.to("", "k").after(Duration.ZERO))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("delayed exchange");
        assertThatThrownBy(() -> DelayedMessage.to("d", "k".repeat(256)).after(Duration.ZERO))
                .hasMessageContaining("255 bytes");
        assertThatThrownBy(() -> DelayedMessage.to("d", "k").after(Duration.ofMillis(-1)))
                .hasMessageContaining("negative");
        assertThatThrownBy(
                        () -> DelayedMessage.to("d", "k").header("x-delay", 5).after(Duration.ZERO))
                .hasMessageContaining("x-delay");
        assertThatThrownBy(() -> DelayedMessage.to("d", "k").header("h", 1.5d))
                .hasMessageContaining("expected a String, Integer, Long, Boolean or byte[]");
    }
}
