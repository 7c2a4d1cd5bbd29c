package com.jobladder.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.internal.config.ConfigurationException;
import com.jobladder.internal.config.HttpSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The port before the daemon's parts are up: probes answer, pages wait, a taken port is a clear error. */
class OpsServerTest {
    private static final HttpSettings ANY_PORT = new HttpSettings(true, "127.0.0.1", 0, "");

    @Test
    void whileTheWorkerStartsLiveIsUpReadyIs503WithTheReasonAndPagesWait() throws Exception {
        try (OpsServer server = OpsServer.start(ANY_PORT, () -> null)) {
            assertThat(HttpGet.get(server.port(), "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = HttpGet.get(server.port(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body())
                    .isEqualTo("{\"status\":\"DOWN\",\"reasons\":[\"the worker is starting or stopping\"]}");
            assertThat(HttpGet.get(server.port(), "/").statusCode()).isEqualTo(503);
            assertThat(HttpGet.get(server.port(), "/static/dashboard.css").statusCode())
                    .isEqualTo(200);
            assertThat(HttpGet.get(server.port(), "/nowhere").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPortInUseFailsTheStartNamingTheSettingsToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> OpsServer.start(ANY_PORT.withPort(taken.getLocalPort()), () -> null))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("jobladder.http.port")
                    .hasMessageContaining("jobladder.http.enabled = false");
        }
    }
}
