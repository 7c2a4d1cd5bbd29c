package com.jobladder.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.impl.LongStringHelper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XDelayTest {
    @Test
    void integersOfAnyWidthAndDecimalTextAreMilliseconds() throws Exception {
        assertThat(XDelay.of(Map.of("x-delay", (byte) 5))).isEqualTo(Duration.ofMillis(5));
        assertThat(XDelay.of(Map.of("x-delay", (short) 500))).isEqualTo(Duration.ofMillis(500));
        assertThat(XDelay.of(Map.of("x-delay", 5000))).isEqualTo(Duration.ofMillis(5000));
        assertThat(XDelay.of(Map.of("x-delay", 86_400_000_000L))).isEqualTo(Duration.ofDays(1000));
        assertThat(XDelay.of(Map.of("x-delay", " 2500 "))).isEqualTo(Duration.ofMillis(2500));
        assertThat(XDelay.of(Map.of("x-delay", LongStringHelper.asLongString("750"))))
                .isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void missingZeroOrNegativeMeansNow() throws Exception {
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("x-delay", null);
        assertThat(XDelay.of(null)).isZero();
        assertThat(XDelay.of(Map.of())).isZero();
        assertThat(XDelay.of(nullValue)).isZero();
        assertThat(XDelay.of(Map.of("x-delay", 0))).isZero();
        assertThat(XDelay.of(Map.of("x-delay", -5000))).isZero();
        assertThat(XDelay.of(Map.of("x-delay", "-1"))).isZero();
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> XDelay.of(Map.of("x-delay", "soon")))
                .hasMessageContaining("x-delay")
                .hasMessageContaining("soon")
                .hasMessageContaining("expected milliseconds as an integer or decimal text");
        assertThatThrownBy(() -> XDelay.of(Map.of("x-delay", 1.5d)))
                .hasMessageContaining("expected milliseconds as an integer or decimal text");
        assertThatThrownBy(() -> XDelay.of(Map.of("x-delay", "1.5"))).hasMessageContaining("1.5");
    }
}
