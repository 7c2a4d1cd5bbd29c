package com.jobladder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
    @Test
    void byDefaultThePortServesLoopbackOnlyAndTheDashboardIsReadOnly() {
        HttpSettings http = ConfigLoader.fromString("", Map.of()).http();
        assertThat(http).isEqualTo(new HttpSettings(true, "127.0.0.1", 9470, ""));
        assertThat(http.token()).isEmpty();
    }

    @Test
    void theEnvironmentSetsTheTokenAndThePortAndToStringHidesTheToken() {
        HttpSettings http = ConfigLoader.fromString(
                        "", Map.of("JOBLADDER_HTTP_ADMIN_TOKEN", "a-long-enough-secret", "JOBLADDER_HTTP_PORT", "0"))
                .http();
        assertThat(http.token()).hasValue("a-long-enough-secret");
        assertThat(http.port()).isZero();
        assertThat(http.toString()).doesNotContain("a-long-enough-secret").contains("adminToken=****");
    }

    @Test
    void aShortTokenIsRefusedWithTheKeyAndWhatIsExpectedButNotShown() {
        assertThatThrownBy(() -> ConfigLoader.fromString("jobladder.http.admin-token = \"abc-secret\"", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.http.admin-token = *** is invalid")
                .hasMessageNotContaining("abc-secret")
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.fromString("jobladder.http.port = 70000", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.http.port = 70000 is invalid: expected an integer from 0 to 65535");
    }
}
