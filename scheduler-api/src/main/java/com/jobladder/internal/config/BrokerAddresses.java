package com.jobladder.internal.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code jobladder.broker.addresses}: the nodes of a RabbitMQ cluster as {@code host:port}
 * (an IPv6 host in brackets, {@code [::1]:5672}). The client connects to any of them, in shuffled
 * order, and reconnects to another when its node goes.
 */
final class BrokerAddresses {
    static final String EXPECTED = "host:port entries such as [\"rabbit-1:5672\", \"rabbit-2:5672\"] (an IPv6 host"
            + " in brackets: \"[::1]:5672\"; the environment variable takes them comma-separated)";

    private BrokerAddresses() {}

    /** The addresses of an environment variable: comma-separated, blanks around them ignored. */
    static List<String> fromEnvironment(String value) {
        List<String> addresses = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            addresses.add(entry.trim());
        }
        return addresses;
    }

    /** Why {@code address} is not host:port, or null when it is. */
    static String problem(String address) {
        int colon = address.lastIndexOf(':');
        if (address.isBlank()) {
            return "an entry is empty";
        }
        if (address.contains("://")) {
            return "\"" + address + "\" is a URI (scheme, credentials and vhost belong in jobladder.broker.uri)";
        }
        if (colon < 0 || address.startsWith("[") && !address.substring(0, colon).endsWith("]")) {
            return "\"" + address + "\" has no port";
        }
        String host = address.substring(0, colon);
        String port = address.substring(colon + 1);
        if (host.isEmpty() || host.equals("[]")) {
            return "\"" + address + "\" has no host";
        }
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (!bracketed && host.contains(":")) {
            return "\"" + address + "\" looks like an IPv6 address without brackets";
        }
        if (!bracketed && !host.matches("[A-Za-z0-9._-]+")) {
            return "\"" + address + "\" has an invalid host name";
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            return "\"" + address + "\" has port \"" + port + "\", not a number from 1 to 65535";
        }
        return null;
    }
}
