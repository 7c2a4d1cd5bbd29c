package com.jobladder.docs;

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
 * Every Java block in README.md and docs/getting-started.md compiles against the current code,
 * together (the getting-started examples use the README's job types), so neither page can drift.
 */
class ReadmeExamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");
    private static final List<String> PAGES = List.of("../README.md", "../docs/getting-started.md");

    @TempDir
    Path sources;

    @Test
    void everyJavaExampleInTheReadmeAndGettingStartedCompiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (String page : PAGES) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of(page)));
            while (block.find()) {
                Matcher name = CLASS_NAME.matcher(block.group(1));
                assertThat(name.find())
                        .as("a Java block of %s declares a public class", page)
                        .isTrue();
                Path file = sources.resolve(name.group(1) + ".java");
                Files.writeString(file, block.group(1));
                files.add(file.toString());
            }
        }
        assertThat(files).as("Java blocks in %s", PAGES).hasSizeGreaterThanOrEqualTo(4);

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

    /** Surefire may hand the JVM a manifest-only jar; javac needs the real entries. */
    private static String classPath() {
        String fromSurefire = System.getProperty("surefire.test.class.path");
        return fromSurefire != null
                ? fromSurefire
                : System.getProperty("java.class.path").replace(';', File.pathSeparatorChar);
    }
}
