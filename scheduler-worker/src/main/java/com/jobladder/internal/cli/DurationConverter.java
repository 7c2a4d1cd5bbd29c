package com.jobladder.internal.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations written as in scheduler.conf: 500ms, 10s, 5m, 2h, 1d. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return ConfigFactory.parseString("d = \"" + value.replace("\"", "") + "\"")
                    .getDuration("d");
        } catch (ConfigException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: expected e.g. 500ms, 10s, 5m, 2h");
        }
    }
}
