package com.jobladder.internal.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Spring Boot's {@code META-INF/spring-configuration-metadata.json} from reference.conf and the
 * starter's own keys, at build time (the POM runs it after compiling): IDEs complete the {@code jobladder.*}
 * keys and show their defaults and reference.conf's comments. Sorted, so two builds write the same bytes.
 */
public final class ConfigurationMetadata {
    private ConfigurationMetadata() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("expected one argument: the file to write");
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json(StarterKeys.all()), StandardCharsets.UTF_8);
    }

    static String json(List<ReferenceKeys.Key> keys) {
        List<String> properties = new ArrayList<>();
        for (ReferenceKeys.Key key : keys) {
            StringBuilder property = new StringBuilder("    {\"name\": " + quote(key.name()) + ", \"type\": "
                    + quote(key.kind().javaType()));
            if (!key.description().isEmpty()) {
                property.append(", \"description\": ").append(quote(key.description()));
            }
            property.append(", \"defaultValue\": ")
                    .append(value(key.defaultValue()))
                    .append('}');
            properties.add(property.toString());
        }
        return "{\n  \"groups\": [{\"name\": \"jobladder\", \"description\": \"JobLadder: delayed jobs and cron on"
                + " RabbitMQ (docs/spring-boot.md).\"}],\n  \"properties\": [\n"
                + String.join(",\n", properties) + "\n  ]\n}\n";
    }

    private static String value(Object value) {
        if (value instanceof List<?> list) {
            return "["
                    + String.join(
                            ", ",
                            list.stream().map(ConfigurationMetadata::value).toList()) + "]";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
