package com.jobladder.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The dashboard's one stylesheet and one script, from the jar: no build step, no inline code. */
final class Assets {
    static final Reply CSS = load("dashboard.css", "text/css; charset=utf-8");
    static final Reply JS = load("dashboard.js", "text/javascript; charset=utf-8");

    private Assets() {}

    private static Reply load(String name, String contentType) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar, beside " + Assets.class.getName());
            }
            return new Reply(200, contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar", e);
        }
    }
}
