package com.jobladder.handler;

import com.jobladder.api.JobType;

/**
 * A typed handler as the worker runs it: the payload is decoded with the type's codec first. A
 * decoding failure is an {@link com.jobladder.api.UndecodablePayloadException}, which the
 * execution turns into a dead job instead of a retry.
 */
final class DecodingHandler<T> implements JobHandler {
    private final JobType<T> type;
    private final TypedJobHandler<T> handler;

    DecodingHandler(JobType<T> type, TypedJobHandler<T> handler) {
        this.type = type;
        this.handler = handler;
    }

    @Override
    public void handle(JobContext job) throws Exception {
        handler.handle(type.decode(job.payload()), job);
    }
}
