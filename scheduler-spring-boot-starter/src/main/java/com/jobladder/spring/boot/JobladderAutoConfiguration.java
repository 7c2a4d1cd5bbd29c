package com.jobladder.spring.boot;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderSettings;
import com.jobladder.client.JobSchedulerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The settings, read from the {@code jobladder.*} properties over reference.conf's defaults, and a
 * {@link JobScheduler} connected with them, closed with the context. An application that defines either
 * bean itself keeps its own. With a {@link MeterRegistry} bean (Actuator), the scheduler's meters go to it.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
public class JobladderAutoConfiguration {
    /** Created by Spring Boot. */
    public JobladderAutoConfiguration() {}

    /**
     * The settings of the application's {@code jobladder.*} properties; a key left out takes reference.conf's
     * default (docs/spring-boot.md lists them).
     *
     * @param environment the application's environment
     * @return the settings, checked
     */
    @Bean
    @ConditionalOnMissingBean
    public JobladderSettings jobladderSettings(Environment environment) {
        return SpringSettings.read(environment);
    }

    /**
     * The scheduler the application submits, cancels and looks up jobs with.
     *
     * @param settings       the settings
     * @param meterRegistry the application's registry, if it has one
     * @return a connected scheduler; Spring closes it when the context closes
     */
    @Bean
    @ConditionalOnMissingBean
    public JobScheduler jobScheduler(JobladderSettings settings, ObjectProvider<MeterRegistry> meterRegistry) {
        JobSchedulerBuilder builder = JobSchedulerBuilder.fromSettings(settings);
        meterRegistry.ifUnique(builder::meterRegistry);
        return builder.build();
    }
}
