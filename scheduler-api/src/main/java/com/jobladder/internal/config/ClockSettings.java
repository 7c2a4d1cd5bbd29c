package com.jobladder.internal.config;

import java.time.Duration;

/**
 * How a worker checks its clock against the audit database's (docs/operations.md, "Clocks").
 *
 * @param checkInterval time between two measurements of the offset
 * @param maxOffset     an offset beyond this makes the worker not ready, with the reason
 * @param keepOffset    how long the last measured offset keeps applying while the reference cannot be
 *                      reached; after that the worker runs by its own clock
 */
public record ClockSettings(Duration checkInterval, Duration maxOffset, Duration keepOffset) {}
