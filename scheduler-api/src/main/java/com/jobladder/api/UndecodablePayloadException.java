package com.jobladder.api;

/**
 * A job's payload does not decode with its type's codec. The worker treats the job as a poison
 * message: it goes to the dead-job queue with this message as its reason and is never retried.
 */
public class UndecodablePayloadException extends JobladderException {
    private static final long serialVersionUID = 1L;

    /**
     * A payload that did not decode.
     *
     * @param type  the job type
     * @param codec the type's codec, named in the message
     * @param cause what the codec threw; its message says what was wrong
     */
    public UndecodablePayloadException(String type, JobCodec<?> codec, Throwable cause) {
        super(
                "the payload of job type " + type + " does not decode with " + codec + ": "
                        + (cause.getMessage() != null
                                ? cause.getMessage()
                                : cause.getClass().getName()),
                cause);
    }
}
