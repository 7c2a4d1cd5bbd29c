package com.jobladder.internal.http;

/**
 * What an endpoint answers: a status and a body of some content type, or a redirect.
 *
 * @param location where to go next (a 303 after an action), or null
 */
record Reply(int status, String contentType, String body, String location) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    /** Prometheus' text exposition format. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    static Reply html(int status, String body) {
        return new Reply(status, HTML, body, null);
    }

    static Reply json(int status, Object value) {
        return new Reply(status, JSON, new org.eclipse.jetty.util.ajax.JSON().toJSON(value), null);
    }

    static Reply seeOther(String location) {
        return new Reply(303, null, "", location);
    }
}
