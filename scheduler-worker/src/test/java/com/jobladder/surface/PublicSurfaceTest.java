package com.jobladder.surface;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.DelayedMessage;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.worker.Worker;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What applications compile against is {@code com.jobladder.api}, {@code handler}, {@code client} and
 * {@code worker}; everything else lives in {@code com.jobladder.internal} and may change in any release. This
 * test fails when a public member of the API starts to speak in internal types, so that the boundary cannot
 * erode unnoticed.
 */
class PublicSurfaceTest {
    private static final List<String> API_PACKAGES =
            List.of("com.jobladder.api", "com.jobladder.handler", "com.jobladder.client", "com.jobladder.worker");

    @Test
    void public_members_of_the_api_use_no_internal_types() throws Exception {
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : apiClasses()) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (exposed(method.getModifiers()) && !method.isSynthetic()) {
                    check(type, method.getName(), method, List.of(method.getGenericReturnType()), leaks);
                }
            }
            for (var constructor : type.getDeclaredConstructors()) {
                if (exposed(constructor.getModifiers())) {
                    check(type, "<init>", constructor, List.of(), leaks);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (exposed(field.getModifiers())) {
                    check(type, field.getName(), null, List.of(field.getGenericType()), leaks);
                }
            }
            if (type.getGenericSuperclass() != null) {
                check(type, "extends", null, List.of(type.getGenericSuperclass()), leaks);
            }
            check(type, "implements", null, List.of(type.getGenericInterfaces()), leaks);
        }
        assertThat(leaks).as("public API members that use internal types").isEmpty();
    }

    @Test
    void the_api_packages_are_found_in_both_jars() throws Exception {
        assertThat(apiClasses())
                .contains(JobScheduler.class, DelayedMessage.class, JobSchedulerBuilder.class, Worker.class);
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(
            Class<?> owner, String member, Executable executable, List<Type> types, Set<String> leaks) {
        List<Type> all = new ArrayList<>(types);
        if (executable != null) {
            all.addAll(List.of(executable.getGenericParameterTypes()));
            all.addAll(List.of(executable.getGenericExceptionTypes()));
        }
        for (Type type : all) {
            for (String name : type.getTypeName().split("[<>,\\s\\[\\]?]+")) {
                if (name.startsWith("com.jobladder.internal.")) {
                    leaks.add(owner.getName() + "." + member + ": " + name);
                }
            }
        }
    }

    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> anchor : List.of(JobScheduler.class, Worker.class)) {
            Path location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                collect(location, classes);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    collect(jar.getPath("/"), classes);
                }
            }
        }
        return classes;
    }

    private static void collect(Path root, List<Class<?>> classes) throws IOException, ClassNotFoundException {
        for (String pkg : API_PACKAGES) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = file.getFileName().toString().replace(".class", "");
                    classes.add(Class.forName(pkg + "." + simple, false, PublicSurfaceTest.class.getClassLoader()));
                }
            }
        }
    }
}
