package com.jobladder.internal.config;

import java.util.regex.Pattern;

/** Masks credentials before anything is logged or printed. */
public final class Secrets {
    /**
     * The password runs to the last '@' before the path; a password with an unescaped '/', '?' or
     * '#' (a URI the configuration refuses, but still printed in that refusal) is masked to the
     * last '@' anywhere, so no part of it is shown.
     */
    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^:/@]*:)(?:[^/?#]*@|.*@)");

    private static final Pattern JDBC_PASSWORD = Pattern.compile("(?i)(password=)[^;&]*");

    private Secrets() {}

    /** {@code amqp://user:secret@host} becomes {@code amqp://user:***@host}; JDBC password parameters likewise. */
    public static String redact(String uriOrUrl) {
        String masked = URI_PASSWORD.matcher(uriOrUrl).replaceAll("$1***@");
        return JDBC_PASSWORD.matcher(masked).replaceAll("$1***");
    }
}
