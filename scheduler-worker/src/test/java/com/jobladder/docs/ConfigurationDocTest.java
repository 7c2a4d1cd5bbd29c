package com.jobladder.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md has a row for every key of reference.conf and none for a key it does not
 * have, so that a setting cannot be added, renamed or dropped without its documentation. Per-type
 * keys, {@code job-types.default.*} in reference.conf, are documented as {@code job-types.<type>.*}.
 */
class ConfigurationDocTest {
    private static final Path REFERENCE = Path.of("../scheduler-api/src/main/resources/reference.conf");
    private static final Path DOC = Path.of("../docs/configuration.md");
    /** The first cell of a row of the key table. */
    private static final Pattern ROW_KEY = Pattern.compile("(?m)^\\| `(jobladder\\.[^`]+)` \\|");

    @Test
    void everyKeyOfReferenceConfHasARowInConfigurationMd() throws IOException {
        Set<String> missing = new TreeSet<>(referenceKeys());
        missing.removeAll(documentedKeys());
        assertThat(missing).as("keys of %s without a row in %s", REFERENCE, DOC).isEmpty();
    }

    @Test
    void everyRowOfConfigurationMdIsAKeyOfReferenceConf() throws IOException {
        Set<String> unknown = new TreeSet<>(documentedKeys());
        unknown.removeAll(referenceKeys());
        assertThat(unknown)
                .as("rows of %s for keys %s does not have", DOC, REFERENCE)
                .isEmpty();
    }

    private static Set<String> referenceKeys() {
        return ConfigFactory.parseFile(REFERENCE.toFile()).resolve().entrySet().stream()
                .map(entry -> entry.getKey()
                        .replaceFirst("^jobladder\\.job-types\\.default\\.", "jobladder.job-types.<type>."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher row = ROW_KEY.matcher(Files.readString(DOC));
        while (row.find()) {
            keys.add(row.group(1));
        }
        return keys;
    }
}
