package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.HandBackSettings;
import com.rabbitmq.client.AMQP;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandBacksTest {
    private final HandBacks handBacks =
            new HandBacks(new HandBackSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(5)));

    @Test
    void theBackOffDoublesFromTheBaseUpToTheCap() {
        assertThat(handBacks.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(handBacks.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(handBacks.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(handBacks.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(handBacks.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void redeliveriesOfAMessageCountOnAndAFreshDeliveryStartsAgain() {
        assertThat(handBacks.count(delivery("job-1", false, null))).isEqualTo(1);
        assertThat(handBacks.count(delivery("job-1", true, null))).isEqualTo(2);
        assertThat(handBacks.count(delivery("job-1", true, null))).isEqualTo(3);
        assertThat(handBacks.count(delivery("job-1", false, null)))
                .as("a new message with the same id")
                .isEqualTo(1);
    }

    @Test
    void theBrokersDeliveryCountWinsWhenItIsHigherAsAfterAnotherWorkerHandedItBack() {
        assertThat(handBacks.count(delivery("job-2", true, 4L))).isEqualTo(5);
    }

    @Test
    void aSettledMessageIsForgotten() {
        handBacks.count(delivery("job-3", false, null));
        handBacks.forget(delivery("job-3", true, null));
        assertThat(handBacks.count(delivery("job-3", true, null))).isEqualTo(1);
    }

    private static Delivery delivery(String id, boolean redelivered, Long deliveryCount) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(id)
                .headers(deliveryCount == null ? Map.of() : Map.of(HandBacks.DELIVERY_COUNT, deliveryCount))
                .build();
        return new Delivery(null, 1, properties, new byte[0], redelivered);
    }
}
