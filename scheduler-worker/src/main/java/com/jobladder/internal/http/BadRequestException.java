package com.jobladder.internal.http;

/** A request the dashboard cannot read: the client's error, answered with {@link #reply()}, a 4xx. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    BadRequestException(int status, String message) {
        super(message);
        this.reply = Reply.error(status, "Bad request", message);
    }

    Reply reply() {
        return reply;
    }
}
