package com.jobladder.internal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/spring-boot.md lists every property the starter reads, with its default, and nothing else; the
 * Spring examples of it and of README.md (blocks fenced {@code ```java spring}) compile against the starter.
 */
class SpringBootDocTest {
    private static final Path DOC = Path.of("../docs/spring-boot.md");
    private static final List<String> PAGES = List.of("../README.md", "../docs/spring-boot.md");
    private static final Pattern PROPERTY_ROW = Pattern.compile("(?m)^\\| `(jobladder\\.[^`]+)` \\|.*$");
    private static final Pattern SPRING_BLOCK = Pattern.compile("```java spring\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path sources;

    @Test
    void thePropertyTableListsEveryKeyOfReferenceConfAndTheStartersOwnWithTheirDefaults() throws IOException {
        String doc = Files.readString(DOC);
        List<String> rows = new ArrayList<>();
        Matcher row = PROPERTY_ROW.matcher(doc);
        while (row.find()) {
            rows.add(row.group());
        }

        List<String> expected = StarterKeys.all().stream()
                .map(key -> "| `" + key.name() + "` | `" + render(key.defaultValue()) + "` |")
                .toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void theSpringExamplesCompile() throws IOException {
        List<String> files = new ArrayList<>();
        for (String page : PAGES) {
            Matcher block = SPRING_BLOCK.matcher(Files.readString(Path.of(page)));
            while (block.find()) {
                Matcher name = CLASS_NAME.matcher(block.group(1));
                assertThat(name.find())
                        .as("a Spring block of %s declares a public class", page)
                        .isTrue();
                Path file = sources.resolve(name.group(1) + ".java");
                Files.writeString(file, block.group(1));
                files.add(file.toString());
            }
        }
        assertThat(files).as("Spring blocks in %s", PAGES).hasSizeGreaterThanOrEqualTo(2);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> options = List.of("-d", sources.resolve("out").toString(), "-cp", classPath());
        boolean compiled;
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            compiled = javac.getTask(
                            errors, fileManager, null, options, null, fileManager.getJavaFileObjectsFromStrings(files))
                    .call();
        }
        assertThat(compiled).as("the examples compile:%n%s", errors).isTrue();
    }

    private static String render(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(String::valueOf).toList()) + "]";
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "\"\"" : text;
    }

    /** Surefire may hand the JVM a manifest-only jar; javac needs the real entries. */
    private static String classPath() {
        String fromSurefire = System.getProperty("surefire.test.class.path");
        return fromSurefire != null
                ? fromSurefire
                : System.getProperty("java.class.path").replace(';', File.pathSeparatorChar);
    }
}
