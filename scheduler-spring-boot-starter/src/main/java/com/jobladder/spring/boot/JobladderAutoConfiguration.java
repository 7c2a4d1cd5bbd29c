package com.jobladder.spring.boot;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderSettings;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.spring.StarterKeys;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The settings, read from the {@code jobladder.*} properties over reference.conf's defaults, and a
 * {@link JobScheduler} connected with them, closed with the context. An application that defines either
 * bean itself keeps its own. With a {@link MeterRegistry} bean (Actuator), the scheduler's meters go to it. With
 * {@code jobladder.outbox.enabled}, the scheduler writes the jobs submitted inside a Spring transaction into
 * the outbox of the application's {@link DataSource}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"
        })
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
     * @param dataSources   the application's data source, for the outbox
     * @param environment   the application's environment, for {@code jobladder.outbox.enabled}
     * @return a connected scheduler; Spring closes it when the context closes
     */
    @Bean
    @ConditionalOnMissingBean
    public JobScheduler jobScheduler(
            JobladderSettings settings,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<DataSource> dataSources,
            Environment environment) {
        JobSchedulerBuilder builder = JobSchedulerBuilder.fromSettings(settings);
        meterRegistry.ifUnique(builder::meterRegistry);
        if (!environment.getProperty(StarterKeys.OUTBOX_ENABLED, Boolean.class, false)) {
            return builder.build();
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new InvalidRequestException(StarterKeys.OUTBOX_ENABLED
                    + " is true but the application has no DataSource bean, or several and none primary:"
                    + " expected the DataSource of the database that holds the jobladder_outbox table");
        }
        return new TransactionalJobScheduler(builder.outbox(dataSource).build(), dataSource);
    }
}
