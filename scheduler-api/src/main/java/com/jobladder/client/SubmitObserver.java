package com.jobladder.client;

/** Told of each job the broker confirmed or refused, by type; the client's metrics hang on it. */
@FunctionalInterface
interface SubmitObserver {
    SubmitObserver NONE = (type, confirmed) -> {};

    /** Called where the confirm completes (possibly the connection's thread): must not block. */
    void submitted(String type, boolean confirmed);
}
