package com.jobladder.spring.boot;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobladderSettings;
import com.jobladder.client.Settings;
import com.jobladder.internal.spring.ReferenceKeys;
import com.jobladder.internal.spring.StarterKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code jobladder.*} properties of the Spring environment as {@link JobladderSettings}: each key of
 * reference.conf is bound with Boot's relaxed binding ({@code confirm-timeout}, {@code confirmTimeout},
 * {@code JOBLADDER_BROKER_CONFIRMTIMEOUT}) and handed to the same loader as a {@code scheduler.conf}, so the
 * defaults, checks and messages are reference.conf's. A key under {@code jobladder} that no setting has stops
 * the start: a misspelt key would otherwise be ignored while its default applies.
 */
final class SpringSettings {
    static final String SOURCE = "the Spring environment (jobladder.* properties)";

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("jobladder");
    private static final ConfigurationPropertyName JOB_TYPES = ConfigurationPropertyName.of(ReferenceKeys.JOB_TYPES);

    private SpringSettings() {}

    static JobladderSettings read(Environment environment) {
        rejectUnknownKeys(environment);
        Binder binder = Binder.get(environment);
        Map<String, Object> values = new HashMap<>(StarterKeys.DEFAULTS);
        List<ReferenceKeys.Key> keys = ReferenceKeys.all();
        for (ReferenceKeys.Key key : keys) {
            if (!key.name().startsWith(ReferenceKeys.DEFAULT_JOB_TYPE)) {
                bind(binder, key.name(), key.kind(), values);
            }
        }
        Set<String> types = new TreeSet<>(binder.bind(JOB_TYPES, Bindable.mapOf(String.class, Object.class))
                .map(Map::keySet)
                .orElse(Set.of()));
        for (String type : types) {
            for (String setting : typeSettings(keys)) {
                bind(binder, ReferenceKeys.JOB_TYPES + "." + type + "." + setting, ReferenceKeys.Kind.TEXT, values);
            }
        }
        return Settings.fromMap(values, SOURCE);
    }

    private static void bind(Binder binder, String name, ReferenceKeys.Kind kind, Map<String, Object> values) {
        if (kind == ReferenceKeys.Kind.LIST) {
            binder.bind(name, Bindable.listOf(String.class)).ifBound(list -> values.put(name, list));
        } else {
            binder.bind(name, String.class).ifBound(text -> values.put(name, text));
        }
    }

    /** {@code max-attempts}, {@code timeout}, ...: what each job type's block may set. */
    private static Set<String> typeSettings(List<ReferenceKeys.Key> keys) {
        return keys.stream()
                .map(ReferenceKeys.Key::name)
                .filter(name -> name.startsWith(ReferenceKeys.DEFAULT_JOB_TYPE))
                .map(name -> name.substring(ReferenceKeys.DEFAULT_JOB_TYPE.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Environment variables are left out: {@code JOBLADDER_*} names the reference.conf overrides too
     * ({@code JOBLADDER_HTTP_ADMIN_TOKEN}), and their dashes cannot be told from dots.
     */
    private static void rejectUnknownKeys(Environment environment) {
        List<ReferenceKeys.Key> keys = StarterKeys.all();
        List<ConfigurationPropertyName> known = keys.stream()
                .map(key -> ConfigurationPropertyName.of(key.name()))
                .toList();
        Set<String> typeSettings =
                typeSettings(keys).stream().map(SpringSettings::uniform).collect(Collectors.toSet());
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            iterable.stream()
                    .filter(ROOT::isAncestorOf)
                    .filter(name -> known.stream().noneMatch(key -> key.equals(name) || key.isAncestorOf(name)))
                    .filter(name -> !(JOB_TYPES.isAncestorOf(name)
                            && name.getNumberOfElements() == 4
                            && typeSettings.contains(name.getElement(3, ConfigurationPropertyName.Form.UNIFORM))))
                    .findFirst()
                    .ifPresent(name -> {
                        throw new InvalidRequestException("unknown setting " + name + " in " + describe(source)
                                + ": expected one of the jobladder.* properties listed in docs/spring-boot.md");
                    });
        }
    }

    private static String describe(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> named
                ? named.getName()
                : String.valueOf(source.getUnderlyingSource());
    }

    private static String uniform(String element) {
        return element.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }
}
