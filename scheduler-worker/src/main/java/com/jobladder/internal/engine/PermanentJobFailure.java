package com.jobladder.internal.engine;

import com.jobladder.api.JobladderException;

/**
 * Thrown by a built-in handler when its job can never succeed (the relay's target exchange does
 * not exist, say): the job ends dead at once with this message as its reason, never retried.
 */
public final class PermanentJobFailure extends JobladderException {
    private static final long serialVersionUID = 1L;

    public PermanentJobFailure(String reason) {
        super(reason);
    }
}
