package com.jobladder.spring.boot;

import com.jobladder.api.JobladderSettings;
import com.jobladder.internal.spring.StarterKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * With {@code jobladder.worker.enabled=true}: a worker in the application, running its
 * {@link HandlesJobs} handler beans and firing its {@link com.jobladder.handler.RecurringJob} beans on the
 * cron leader election every worker of the namespace shares, started and stopped with the context.
 */
@AutoConfiguration(after = JobladderAutoConfiguration.class)
@ConditionalOnProperty(name = StarterKeys.WORKER_ENABLED, havingValue = "true")
public class JobladderWorkerAutoConfiguration {
    /** Created by Spring Boot. */
    public JobladderWorkerAutoConfiguration() {}

    /** The worker's meters go to the application's registry too, if it has one. */
    @Bean
    EmbeddedWorker jobladderWorker(
            JobladderSettings settings,
            ConfigurableListableBeanFactory beans,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return new EmbeddedWorker(settings, beans, Optional.ofNullable(meterRegistry.getIfUnique()));
    }
}
