package com.jobladder.internal.spring;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code reference.conf}, read from the class path: every key under {@code jobladder}, its
 * kind, default and comment. The starter binds these keys from the Spring environment and describes them to
 * IDEs; the keys and defaults are written in reference.conf alone.
 */
public final class ReferenceKeys {
    /** The keys every job type has; {@code default} is the block the others fall back to. */
    public static final String JOB_TYPES = "jobladder.job-types";

    public static final String DEFAULT_JOB_TYPE = JOB_TYPES + ".default.";

    private ReferenceKeys() {}

    /** What a key holds, as Spring's configuration metadata names the type. */
    public enum Kind {
        TEXT("java.lang.String"),
        NUMBER("java.lang.Long"),
        FLAG("java.lang.Boolean"),
        DURATION("java.time.Duration"),
        LIST("java.util.List<java.lang.String>");

        private final String javaType;

        Kind(String javaType) {
            this.javaType = javaType;
        }

        public String javaType() {
            return javaType;
        }
    }

    /**
     * One setting of reference.conf.
     *
     * @param name         the key, for example {@code jobladder.broker.confirm-timeout}
     * @param kind         what it holds
     * @param defaultValue the default as reference.conf writes it (resolved), a list for {@link Kind#LIST}
     * @param description  the comment above it in reference.conf, on one line
     */
    public record Key(String name, Kind kind, Object defaultValue, String description) {}

    /** Every key, sorted by name; those of the job types under {@code jobladder.job-types.default}. */
    public static List<Key> all() {
        Config unresolved = ConfigFactory.parseResources(ReferenceKeys.class.getClassLoader(), "reference.conf")
                .withOnlyPath("jobladder");
        Config reference = unresolved.resolve();
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : reference.entrySet()) {
            String name = entry.getKey();
            ConfigValue value = entry.getValue();
            keys.add(new Key(
                    name, kind(reference, name, value), value.unwrapped(), description(unresolved.root(), name)));
        }
        keys.sort(Comparator.comparing(Key::name));
        return List.copyOf(keys);
    }

    private static Kind kind(Config reference, String name, ConfigValue value) {
        if (value.valueType() == ConfigValueType.LIST) {
            return Kind.LIST;
        }
        if (value.valueType() == ConfigValueType.BOOLEAN) {
            return Kind.FLAG;
        }
        if (value.valueType() == ConfigValueType.NUMBER) {
            return Kind.NUMBER;
        }
        try {
            reference.getDuration(name);
            return Kind.DURATION;
        } catch (ConfigException.BadValue e) {
            return Kind.TEXT;
        }
    }

    /** From the file as written: a resolved value's origin is that of what it refers to. */
    private static String description(ConfigObject root, String name) {
        ConfigValue value = root;
        for (String segment : ConfigUtil.splitPath(name)) {
            value = ((ConfigObject) value).get(segment);
        }
        return String.join(
                        " ",
                        value.origin().comments().stream().map(String::strip).toList())
                .strip();
    }
}
