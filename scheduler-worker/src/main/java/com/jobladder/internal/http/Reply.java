package com.jobladder.internal.http;

import java.util.Map;

/**
 * What an endpoint answers: a status and a body of some content type, or a redirect.
 *
 * @param headers further headers: {@code Location} after an action, {@code Allow} with a 405
 */
record Reply(int status, String contentType, String body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    /** Prometheus' text exposition format. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    Reply(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    static Reply html(int status, String body) {
        return new Reply(status, HTML, body);
    }

    static Reply json(int status, Object value) {
        return new Reply(status, JSON, new org.eclipse.jetty.util.ajax.JSON().toJSON(value));
    }

    static Reply seeOther(String location) {
        return new Reply(303, null, "", Map.of("Location", location));
    }

    /** A page that says what went wrong, in words (escaped here), and what to do instead. */
    static Reply error(int status, String title, String text) {
        return html(status, Html.page(title, "", "<p class=error>" + Html.escape(text) + "</p>"));
    }

    /** 405: {@code method} is not one of {@code allowed} at this path. */
    static Reply methodNotAllowed(String method, String path, String allowed) {
        Reply page = error(
                405,
                "Method not allowed",
                method + " is not allowed on " + path + ": it answers " + allowed + " only.");
        return new Reply(405, page.contentType(), page.body(), Map.of("Allow", allowed));
    }
}
