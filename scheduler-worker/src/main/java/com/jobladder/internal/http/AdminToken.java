package com.jobladder.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The admin token every action must carry (header {@value #HEADER} or form field {@value #FIELD}).
 * Compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference is; digests also hide the token's length.
 */
final class AdminToken {
    static final String HEADER = "X-Admin-Token";
    static final String FIELD = "token";

    private final byte[] expected;

    AdminToken(Optional<String> token) {
        this.expected = token.map(AdminToken::digest).orElse(null);
    }

    /** False: the dashboard is read-only, no action is offered or accepted. */
    boolean configured() {
        return expected != null;
    }

    boolean accepts(String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected, digest(given));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
