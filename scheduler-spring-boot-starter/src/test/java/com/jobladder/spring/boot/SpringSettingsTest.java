package com.jobladder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.SchedulerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SpringSettingsTest {

    private static SchedulerConfig read(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml", properties));
        return SchedulerConfig.of(SpringSettings.read(environment));
    }

    @Test
    void keysLeftOutTakeReferenceConfDefaultsAndTheStarterShortensTheShutdownGraceToFitKubernetes() {
        SchedulerConfig config = read(Map.of());

        assertThat(config.broker().namespace()).isEqualTo("jobladder");
        assertThat(config.broker().confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.jobTypes().get("default").maxAttempts()).isEqualTo(5);
        assertThat(config.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void propertiesBindWithRelaxedNamesOntoTheSettingsOfSchedulerConf() {
        SchedulerConfig config = read(Map.of(
                "jobladder.broker.confirmTimeout", "3s",
                "jobladder.broker.publisher_channels", "2",
                "jobladder.broker.addresses", "rabbit-1:5672,rabbit-2:5672",
                "jobladder.worker.shutdown-grace", "45s",
                "jobladder.job-types.send-email.timeout", "2m",
                "jobladder.job-types.send-email.maxAttempts", "9"));

        assertThat(config.broker().confirmTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.broker().publisherChannels()).isEqualTo(2);
        assertThat(config.broker().addresses()).containsExactly("rabbit-1:5672", "rabbit-2:5672");
        assertThat(config.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.jobTypes().get("send-email").timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.jobTypes().get("send-email").maxAttempts()).isEqualTo(9);
        assertThat(config.jobTypes().get("send-email").concurrency()).isEqualTo(4);
    }

    @Test
    void indexedListsBindAsInYaml() {
        SchedulerConfig config = read(Map.of(
                "jobladder.broker.addresses[0]", "rabbit-1:5672", "jobladder.broker.addresses[1]", "rabbit-2:5672"));

        assertThat(config.broker().addresses()).containsExactly("rabbit-1:5672", "rabbit-2:5672");
    }

    @Test
    void environmentVariablesBindAsSpringMapsThem() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment", Map.of("JOBLADDER_BROKER_CONFIRMTIMEOUT", "7s")));

        assertThat(SchedulerConfig.of(SpringSettings.read(environment)).broker().confirmTimeout())
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aWrongValueIsRefusedWithTheKeyAndWhatIsExpected() {
        assertThatThrownBy(() -> read(Map.of("jobladder.broker.publisher-channels", "0")))
                .isInstanceOf(JobladderException.class)
                .hasMessageContaining("jobladder.broker.publisher-channels")
                .hasMessageContaining(SpringSettings.SOURCE);
    }

    @Test
    void aMisspeltKeyIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> read(Map.of("jobladder.broker.confirm-timout", "3s")))
                .isInstanceOf(JobladderException.class)
                .hasMessageContaining("unknown setting jobladder.broker.confirm-timout in application.yml")
                .hasMessageContaining("docs/spring-boot.md");
        assertThatThrownBy(() -> read(Map.of("jobladder.job-types.send-email.time-limit", "3s")))
                .hasMessageContaining("unknown setting jobladder.job-types.send-email.time-limit");
    }

    @Test
    void theStartersOwnKeyIsNotHandedToTheWorkersSettings() {
        assertThat(read(Map.of("jobladder.worker.enabled", "true")).worker().prefetch())
                .isEqualTo(50);
    }
}
