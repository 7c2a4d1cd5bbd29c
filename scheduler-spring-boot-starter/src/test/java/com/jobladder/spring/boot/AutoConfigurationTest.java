package com.jobladder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderSettings;
import com.jobladder.handler.TypedJobHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the auto-configuration creates and refuses, before anything connects: the application's own
 * scheduler stands in for the starter's, so these run without a broker.
 */
class AutoConfigurationTest {
    private static final JobScheduler OWN_SCHEDULER = (JobScheduler) Proxy.newProxyInstance(
            JobScheduler.class.getClassLoader(),
            new Class<?>[] {JobScheduler.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "close" -> null;
                case "toString" -> "the application's own scheduler";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException("never called here: " + method);
            });

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JobladderAutoConfiguration.class,
                    JobladderWorkerAutoConfiguration.class,
                    JobladderHealthAutoConfiguration.class))
            .withBean("ownScheduler", JobScheduler.class, () -> OWN_SCHEDULER);

    @Configuration
    static class UnnamedHandler {
        @Bean
        TypedJobHandler<String> greet() {
            return (text, job) -> {};
        }
    }

    @Configuration
    static class TwoHandlersOfOneType {
        @Bean
        @HandlesJobs("greet")
        TypedJobHandler<String> greet() {
            return (text, job) -> {};
        }

        @Bean
        @HandlesJobs("greet")
        TypedJobHandler<String> greetAgain() {
            return (text, job) -> {};
        }
    }

    @Test
    void theApplicationsOwnSchedulerIsKeptAndWithoutTheWorkerThereIsNoWorkerNorHealthIndicator() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class)).isSameAs(OWN_SCHEDULER);
            assertThat(context).hasSingleBean(JobladderSettings.class);
            assertThat(context).doesNotHaveBean(EmbeddedWorker.class);
            assertThat(context).doesNotHaveBean(HealthIndicator.class);
        });
    }

    @Test
    void aHandlerBeanWithoutHandlesJobsStopsTheStartNamingIt() {
        contexts.withPropertyValues("jobladder.worker.enabled=true")
                .withUserConfiguration(UnnamedHandler.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("the handler bean greet names no job type")
                        .hasMessageContaining("@HandlesJobs"));
    }

    @Test
    void twoHandlerBeansOfOneTypeStopTheStartNamingBoth() {
        contexts.withPropertyValues("jobladder.worker.enabled=true")
                .withUserConfiguration(TwoHandlersOfOneType.class)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("the handler beans greet and greetAgain both handle job type greet"));
    }

    @Test
    void aMisspeltPropertyStopsTheStart() {
        contexts.withPropertyValues("jobladder.broker.urri=amqp://elsewhere")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("unknown setting jobladder.broker.urri"));
    }
}
