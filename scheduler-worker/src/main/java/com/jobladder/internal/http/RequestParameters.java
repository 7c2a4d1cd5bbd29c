package com.jobladder.internal.http;

import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * A request's parameters: an action's form body (a token in a URL would end up in histories and
 * logs), a page's query string. What cannot be read is the client's error, never the worker's.
 */
final class RequestParameters {
    static final String FORM = "application/x-www-form-urlencoded";
    private static final String EXPECTED =
            "expected name=value pairs joined by &, percent-encoded UTF-8" + " (a space as + or %20, é as %C3%A9)";

    private RequestParameters() {}

    static Fields of(Request request) throws BadRequestException {
        boolean action = "POST".equals(request.getMethod());
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (action
                && contentType != null
                && !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            throw new BadRequestException(
                    415, "an action takes an HTML form (Content-Type " + FORM + "), not " + contentType);
        }
        try {
            return action ? FormFields.getFields(request) : Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            HttpException http = e instanceof HttpException h ? h : null;
            if (http != null && http.getCode() == 413) {
                throw new BadRequestException(
                        413,
                        "the form is too large (" + http.getReason() + "): an action" + " takes a few short fields");
            }
            // Jetty's reasons say which rule failed ("invalid percent encoding"); its other exceptions' texts do not.
            String what = action ? "the form" : "the query string";
            String wrong = http == null || "Bad query".equals(http.getReason())
                    ? " is not valid percent-encoded UTF-8"
                    : " cannot be read (" + http.getReason() + ")";
            throw new BadRequestException(400, what + wrong + ": " + EXPECTED);
        }
    }
}
