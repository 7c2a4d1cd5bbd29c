package com.jobladder.internal.config;

import com.jobladder.api.JobladderException;

/** A configuration file or setting is wrong; the message names the file, line, key and what is expected. */
public class ConfigurationException extends JobladderException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
