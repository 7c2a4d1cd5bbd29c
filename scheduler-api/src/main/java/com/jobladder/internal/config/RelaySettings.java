package com.jobladder.internal.config;

import java.util.List;

/**
 * The relay ({@code jobladder.relay}): messages published with {@code x-delay} to a delayed
 * exchange ride the ladder and are published to the exchange's target when due.
 *
 * @param enabled   whether this worker runs the relay
 * @param exchanges the delayed exchanges it declares and serves
 */
public record RelaySettings(boolean enabled, List<DelayedExchange> exchanges) {
    public RelaySettings {
        exchanges = List.copyOf(exchanges);
    }

    /** Relay off, no delayed exchange. */
    public static RelaySettings off() {
        return new RelaySettings(false, List.of());
    }
}
