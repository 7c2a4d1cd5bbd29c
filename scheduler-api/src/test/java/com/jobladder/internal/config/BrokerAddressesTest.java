package com.jobladder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerAddressesTest {
    @Test
    void aListOfNodesIsReadFromTheFileWithTheUriStillGivingCredentials() {
        SchedulerConfig config = ConfigLoader.fromString("""
                jobladder.broker.uri = "amqps://app:secret@ignored:5671/jobs"
                jobladder.broker.addresses = ["rabbit-1:5671", "rabbit-2.example.com:5671", "[::1]:5671"]
                """, Map.of());

        assertThat(config.broker().addresses())
                .containsExactly("rabbit-1:5671", "rabbit-2.example.com:5671", "[::1]:5671");
        assertThat(config.broker().uri()).isEqualTo("amqps://app:secret@ignored:5671/jobs");
        assertThat(config.broker().toString()).contains("rabbit-1:5671").doesNotContain("secret");
    }

    @Test
    void theEnvironmentGivesTheNodesCommaSeparatedAndWinsOverTheFile() {
        SchedulerConfig config = ConfigLoader.fromString(
                "jobladder.broker.addresses = [\"old:5672\"]",
                Map.of("JOBLADDER_BROKER_ADDRESSES", "rabbit-1:5672, rabbit-2:5672 ,rabbit-3:5672"));

        assertThat(config.broker().addresses()).containsExactly("rabbit-1:5672", "rabbit-2:5672", "rabbit-3:5672");
    }

    @Test
    void withoutAddressesTheUrisHostIsUsed() {
        assertThat(ConfigLoader.fromString("", Map.of()).broker().addresses()).isEmpty();
    }

    @Test
    void anAddressWithoutAPortIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> ConfigLoader.fromString(
                        "jobladder.broker.addresses = [\"rabbit-1:5672\", \"rabbit-2\"]", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.broker.addresses")
                .hasMessageContaining("jobladder.broker.addresses = [\"rabbit-1:5672\",\"rabbit-2\"] is invalid")
                .hasMessageContaining("\"rabbit-2\" has no port")
                .hasMessageContaining("host:port entries such as");
    }

    @Test
    void malformedAddressesAreEachRefusedSayingWhatIsWrong() {
        assertThat(problem("rabbit:http")).contains("has port \"http\", not a number from 1 to 65535");
        assertThat(problem("rabbit:70000")).contains("not a number from 1 to 65535");
        assertThat(problem(":5672")).contains("has no host");
        assertThat(problem("::1:5672")).contains("IPv6 address without brackets");
        assertThat(problem("amqp://rabbit:5672")).contains("is a URI (scheme, credentials and vhost belong in");
        assertThat(problem("rab bit:5672")).contains("has an invalid host name");
        assertThat(problem("[::1]")).contains("has no port");
        assertThat(problem(" ")).contains("an entry is empty");
        assertThat(BrokerAddresses.problem("[fe80::1]:5672")).isNull();
    }

    @Test
    void anEmptyEntryInTheEnvironmentIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.fromString("", Map.of("JOBLADDER_BROKER_ADDRESSES", "rabbit-1:5672,,")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("an entry is empty");
    }

    @Test
    void aStringInsteadOfAListIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.fromString("jobladder.broker.addresses = \"rabbit-1:5672\"", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.broker.addresses")
                .hasMessageContaining("host:port entries such as");
    }

    private static String problem(String address) {
        try {
            ConfigLoader.fromString("jobladder.broker.addresses = [\"" + address + "\"]", Map.of());
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
        throw new AssertionError(address + " was accepted");
    }
}
