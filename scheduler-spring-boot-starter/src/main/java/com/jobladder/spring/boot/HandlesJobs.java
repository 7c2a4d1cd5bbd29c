package com.jobladder.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The job type a {@link com.jobladder.handler.TypedJobHandler} or {@link com.jobladder.handler.JobHandler}
 * bean runs, on its class or on its {@code @Bean} method:
 * <pre>{@code
 * @Bean
 * @HandlesJobs("send-email")
 * TypedJobHandler<Email> sendEmail(Mailer mailer) {
 *     return (email, job) -> mailer.send(email);
 * }
 * }</pre>
 * A typed handler's payload is decoded with the codec of the {@link com.jobladder.api.JobType} bean of that
 * name if the application defines one; otherwise by its payload type: text for {@code String}, bytes for
 * {@code byte[]}, JSON (Jackson) for any other class, as {@link com.jobladder.api.JobType#json} encodes it.
 * The embedded worker ({@code jobladder.worker.enabled=true}) runs every such bean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HandlesJobs {
    /**
     * The job type.
     *
     * @return the job type's name, for example {@code send-email}
     */
    String value();
}
