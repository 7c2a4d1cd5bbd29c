package com.jobladder.internal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The metadata the build generates describes every key of reference.conf, with the starter's defaults. */
class ConfigurationMetadataTest {
    private static final Path GENERATED = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    @Test
    void theGeneratedMetadataListsEveryKeyOfReferenceConfAndTheStartersOwn() throws IOException {
        String json = Files.readString(GENERATED);
        Set<String> keys = new TreeSet<>(
                ConfigFactory.parseResources("reference.conf").withOnlyPath("jobladder").resolve().entrySet().stream()
                        .map(java.util.Map.Entry::getKey)
                        .toList());
        keys.add(StarterKeys.WORKER_ENABLED);
        keys.add(StarterKeys.OUTBOX_ENABLED);

        for (String key : keys) {
            assertThat(json).contains("{\"name\": \"" + key + "\"");
        }
        assertThat(json)
                .isEqualTo(ConfigurationMetadata.json(StarterKeys.all()))
                .contains("{\"name\": \"jobladder.worker.shutdown-grace\", \"type\": \"java.time.Duration\"")
                .contains("\"defaultValue\": \"20s\"}")
                .contains("{\"name\": \"jobladder.broker.confirm-timeout\", \"type\": \"java.time.Duration\","
                        + " \"description\": \"How long schedule() waits for the broker's confirm before it fails.\","
                        + " \"defaultValue\": \"10s\"}");
    }
}
