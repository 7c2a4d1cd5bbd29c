package com.jobladder.spring.boot;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobType;
import com.jobladder.handler.JobHandler;
import com.jobladder.handler.TypedJobHandler;
import com.jobladder.worker.Worker;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * Hands the application's handler beans to a worker's builder, each for the job type its
 * {@link HandlesJobs} names. A handler bean without it, or two for one type, stop the start with a message
 * naming the beans.
 */
final class HandlerBeans {
    private final ConfigurableListableBeanFactory beans;

    HandlerBeans(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    void registerWith(Worker.Builder worker) {
        Map<String, JobType<?>> jobTypes = new HashMap<>();
        for (JobType<?> type : beans.getBeansOfType(JobType.class).values()) {
            jobTypes.put(type.name(), type);
        }
        Map<String, String> beanOfType = new HashMap<>();
        for (String name : beans.getBeanNamesForType(JobHandler.class)) {
            String type = jobType(name, beanOfType);
            worker.handle(type, beans.getBean(name, JobHandler.class));
        }
        for (String name : beans.getBeanNamesForType(TypedJobHandler.class)) {
            String type = jobType(name, beanOfType);
            JobType<?> declared = jobTypes.get(type);
            JobType<?> jobType = declared != null ? declared : byPayload(name, type);
            registerTyped(worker, jobType, name);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void registerTyped(Worker.Builder worker, JobType<T> type, String name) {
        worker.handle(type, (TypedJobHandler<T>) beans.getBean(name, TypedJobHandler.class));
    }

    private String jobType(String beanName, Map<String, String> beanOfType) {
        HandlesJobs handles = beans.findAnnotationOnBean(beanName, HandlesJobs.class);
        if (handles == null) {
            throw new InvalidRequestException("the handler bean " + beanName + " names no job type: expected"
                    + " @HandlesJobs(\"the-job-type\") on its class or @Bean method");
        }
        String other = beanOfType.putIfAbsent(handles.value(), beanName);
        if (other != null) {
            throw new InvalidRequestException("the handler beans " + other + " and " + beanName
                    + " both handle job type " + handles.value() + ": expected one handler per type");
        }
        return handles.value();
    }

    /** The type from the handler's payload class, when the application defines no JobType bean of that name. */
    private JobType<?> byPayload(String beanName, String type) {
        ResolvableType declared = beans.getMergedBeanDefinition(beanName).getResolvableType();
        Class<?> payload = declared.as(TypedJobHandler.class).getGeneric(0).resolve();
        if (payload == null) {
            payload = ResolvableType.forClass(beans.getType(beanName))
                    .as(TypedJobHandler.class)
                    .getGeneric(0)
                    .resolve();
        }
        if (payload == null) {
            throw new InvalidRequestException("the handler bean " + beanName + " of job type " + type
                    + " has no payload type Spring can see: declare its @Bean method as returning"
                    + " TypedJobHandler<YourPayload>, or define a JobType bean named " + type);
        }
        if (payload == String.class) {
            return JobType.text(type);
        }
        if (payload == byte[].class) {
            return JobType.bytes(type);
        }
        return JobType.json(type, payload);
    }
}
