package com.jobladder.spring.boot;

import com.jobladder.internal.spring.StarterKeys;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator and the embedded worker: the health contributor {@code jobladder}, UP while the worker can
 * take jobs (both broker connections open, every type's consumer registered, the audit store answering
 * within 2 seconds), DOWN with the reasons otherwise. Add it to the readiness group
 * ({@code management.endpoint.health.group.readiness.include=readinessState,jobladder}).
 */
@AutoConfiguration(after = JobladderWorkerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnProperty(name = StarterKeys.WORKER_ENABLED, havingValue = "true")
public class JobladderHealthAutoConfiguration {
    /** Created by Spring Boot. */
    public JobladderHealthAutoConfiguration() {}

    /** Named {@code jobladder} after its bean. */
    @Bean
    HealthIndicator jobladderHealthIndicator(EmbeddedWorker worker) {
        return () -> {
            List<String> reasons = worker.notReady();
            return reasons.isEmpty()
                    ? Health.up().build()
                    : Health.down().withDetail("reasons", reasons).build();
        };
    }
}
