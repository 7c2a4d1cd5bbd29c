package com.jobladder.api;

/**
 * The content types JobLadder gives a payload when its sender names none: the same for a job
 * scheduled from Java, a cron fire, the command line, and a message from another client.
 */
public final class ContentTypes {
    /** Bytes of unknown kind: a byte payload, and a message that arrives without a content type. */
    public static final String BYTES = "application/octet-stream";
    /** A payload given as text, which JobLadder encodes as UTF-8. */
    public static final String TEXT = "text/plain; charset=utf-8";

    private ContentTypes() {}
}
