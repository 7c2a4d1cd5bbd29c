package com.jobladder.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Refuses a broker URI that a person and the AMQP client would read differently. In
 * {@code amqp://u:p@ss@h} a reader sees host {@code h}; java.net.URI cannot parse the authority,
 * finds no host, and amqp-client then connects to localhost as guest without a word.
 */
final class BrokerUris {
    private BrokerUris() {}

    /** Why {@code uri} is ambiguous, or null when it is not. Never echoes the password. */
    static String ambiguity(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "it does not parse as a URI (" + e.getReason() + ")";
        }
        String authority = parsed.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return "it names no host; expected amqp://user:password@host:5672/vhost";
        }
        if (authority.indexOf('@') != authority.lastIndexOf('@')) {
            return "its user-info holds an unescaped '@'; percent-encode it as %40 (and ':' as %3A, '/' as %2F)";
        }
        String host = parsed.getHost();
        if (host == null) {
            return "no host can be read from it (a user name or password with ':', '/', '?', '#' or '@' must be"
                    + " percent-encoded, e.g. '@' as %40)";
        }
        String seen = readerHost(authority);
        if (!seen.equalsIgnoreCase(host)) {
            return "it would connect to host " + host + " while it reads as host " + seen
                    + "; percent-encode special characters in the user name and password";
        }
        return null;
    }

    /** The host as a person reads it: after the last '@', before the port. */
    private static String readerHost(String authority) {
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return (colon < 0 ? hostAndPort : hostAndPort.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
