package com.jobladder.client;

import com.jobladder.api.JobladderException;
import com.jobladder.internal.jdbc.JobStatusStore;
import java.util.function.Supplier;

/**
 * The workers' audit store, opened on the first {@code status} or {@code cancel}: a client that
 * only submits never touches a database. A failed open is tried again on the next call.
 */
final class WorkersAuditStore implements AutoCloseable {
    private final Supplier<JobStatusStore> opener;
    private JobStatusStore store;
    private boolean closed;

    WorkersAuditStore(Supplier<JobStatusStore> opener) {
        this.opener = opener;
    }

    synchronized JobStatusStore get() {
        if (closed) {
            throw new JobladderException("the job scheduler is closed: build a new one to query the audit store");
        }
        if (store == null) {
            store = opener.get();
        }
        return store;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }
}
