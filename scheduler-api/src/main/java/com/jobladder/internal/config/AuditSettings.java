package com.jobladder.internal.config;

import java.time.Duration;

/** The audit database. {@link #toString()} hides the password. */
public record AuditSettings(
        String jdbcUrl,
        String username,
        String password,
        int poolSize,
        int batchSize,
        Duration batchLinger,
        RetentionSettings retention) {
    @Override
    public String toString() {
        return "AuditSettings[jdbcUrl=" + Secrets.redact(jdbcUrl) + ", username=" + username + ", password="
                + (password.isEmpty() ? "<empty>" : "***") + ", poolSize=" + poolSize + ", batchSize=" + batchSize
                + ", batchLinger=" + batchLinger + ", retention=" + retention + "]";
    }

    public AuditSettings withBatching(int size, Duration linger) {
        return new AuditSettings(jdbcUrl, username, password, poolSize, size, linger, retention);
    }

    public AuditSettings withJdbcUrl(String url, String user, String secret) {
        return new AuditSettings(url, user, secret, poolSize, batchSize, batchLinger, retention);
    }
}
