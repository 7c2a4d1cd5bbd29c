package com.jobladder.internal.amqp;

import com.jobladder.api.JobladderException;

/** A delivery that is not a job envelope; the message says which property or header is wrong. */
public class MalformedEnvelopeException extends JobladderException {
    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
