package com.jobladder.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test through JUnit's extension auto-detection
 * (META-INF/services and junit-platform.properties): after each test, deletes the queues of
 * the namespaces it took from {@link TestBroker}.
 */
public final class BrokerCleanup implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        TestBroker.deleteNamespacesInUse();
    }
}
