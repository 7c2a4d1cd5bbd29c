package com.jobladder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * jackson-databind is optional: an application without it loads the API from a class loader that
 * sees the API's own classes and the JDK, nothing else.
 */
class JsonWithoutJacksonTest {

    @Test
    void withoutJacksonJobTypeJsonFailsAtOnceNamingTheArtifactToAddAndTextStillWorks() throws Exception {
        URL apiClasses = JobType.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutJackson =
                new URLClassLoader(new URL[] {apiClasses}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutJackson.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> jobType = withoutJackson.loadClass(JobType.class.getName());

            Method json = jobType.getMethod("json", String.class, Class.class);
            assertThatThrownBy(() -> json.invoke(null, "send-email", String.class))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(JobladderException.class.getName()))
                    .hasMessageStartingWith("JSON job payloads need Jackson, which is not on the classpath: add"
                            + " com.fasterxml.jackson.core:jackson-databind");

            Object note = jobType.getMethod("text", String.class).invoke(null, "note");
            assertThat(jobType.getMethod("name").invoke(note)).isEqualTo("note");
        }
    }
}
