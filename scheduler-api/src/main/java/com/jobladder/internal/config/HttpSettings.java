package com.jobladder.internal.config;

import java.util.Optional;

/**
 * The worker daemon's HTTP port: health probes, Prometheus metrics and the dashboard.
 * {@link #toString()} hides the admin token.
 *
 * @param enabled    false: no port at all
 * @param bind       address to listen on; 127.0.0.1 (loopback) unless the operator opens it
 * @param port       0 picks any free port (tests, several workers on one host)
 * @param adminToken empty: the dashboard is read-only; otherwise every action needs it
 */
public record HttpSettings(boolean enabled, String bind, int port, String adminToken) {
    public HttpSettings {
        adminToken = adminToken == null ? "" : adminToken;
    }

    public Optional<String> token() {
        return adminToken.isEmpty() ? Optional.empty() : Optional.of(adminToken);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(enabled, bind, newPort, adminToken);
    }

    public HttpSettings withAdminToken(String newToken) {
        return new HttpSettings(enabled, bind, port, newToken);
    }

    @Override
    public String toString() {
        return "HttpSettings[enabled=" + enabled + ", bind=" + bind + ", port=" + port + ", adminToken="
                + (adminToken.isEmpty() ? "<none: read-only>" : "****") + "]";
    }
}
