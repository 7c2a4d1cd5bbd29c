package com.jobladder.internal.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the cron schedules are and how far ahead the leader publishes their fires.
 *
 * @param schedulesFile a missing file means no cron on this daemon
 */
public record CronSettings(Path schedulesFile, Duration horizon) {}
