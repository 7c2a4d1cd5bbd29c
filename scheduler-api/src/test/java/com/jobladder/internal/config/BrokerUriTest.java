package com.jobladder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerUriTest {
    @Test
    void aPasswordWithAnUnescapedAtSignIsRefusedWithTheFix() {
        assertThatThrownBy(() -> load("amqp://app:p@ss@rabbit.example.com:5672/jobs"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "jobladder.broker.uri = \"amqp://app:***@rabbit.example.com:5672/jobs\" is invalid")
                .hasMessageContaining("unescaped '@'; percent-encode it as %40")
                .hasMessageNotContaining("p@ss");
    }

    @Test
    void aPasswordWithASlashMakesAUriWhoseHostCannotBeReadAndItIsRefused() {
        assertThatThrownBy(() -> load("amqp://app:pa/ss@rabbit.example.com/jobs"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no host can be read from it")
                .hasMessageNotContaining("pa/ss");
    }

    @Test
    void aPercentEncodedPasswordIsAccepted() {
        assertThat(load("amqp://app:p%40ss@rabbit.example.com:5672/jobs")
                        .broker()
                        .uri())
                .isEqualTo("amqp://app:p%40ss@rabbit.example.com:5672/jobs");
        assertThat(load("amqps://rabbit.example.com").broker().uri()).isEqualTo("amqps://rabbit.example.com");
    }

    @Test
    void theMaskHidesEveryCharacterOfThePassword() {
        assertThat(Secrets.redact("amqp://u:p@ss@h")).isEqualTo("amqp://u:***@h");
        assertThat(Secrets.redact("amqp://u:secret@h:5672/v")).isEqualTo("amqp://u:***@h:5672/v");
        assertThat(Secrets.redact("amqp://u:pa/ss@h/v")).isEqualTo("amqp://u:***@h/v");
        assertThat(Secrets.redact("amqp://h:5672/v")).isEqualTo("amqp://h:5672/v");
    }

    private static SchedulerConfig load(String uri) {
        return ConfigLoader.fromString("", Map.of("JOBLADDER_BROKER_URI", uri));
    }
}
