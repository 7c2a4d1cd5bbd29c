package com.jobladder.internal.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.ajax.JSON;

/**
 * Message counts of a virtual host's queues from RabbitMQ's management HTTP API. AMQP reports only a
 * queue's ready messages; the API also counts, in {@code messages}, the expired jobs a quorum queue
 * holds until its dead-letter worker has passed them on. Tries each address in order, so a lost
 * node's API does not blind the watch.
 */
final class ManagementQueueCounts {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One queue: {@code deadLettered} = messages − ready − unacknowledged. */
    record Counts(String queue, long messages, long ready, long unacknowledged, String leader) {
        long deadLettered() {
            return Math.max(0, messages - ready - unacknowledged);
        }
    }

    private final List<URI> bases;
    private final String vhost;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ManagementQueueCounts(List<String> managementUris, String brokerUri, String vhost) {
        this.bases = managementUris.stream()
                .map(uri -> URI.create(uri.endsWith("/") ? uri : uri + "/"))
                .toList();
        this.vhost = vhost;
        this.authorization = basic(brokerUri);
    }

    /** The broker URI's user and password (guest/guest when it names none, as amqp-client does). */
    private static String basic(String brokerUri) {
        String userInfo = URI.create(brokerUri).getRawUserInfo();
        String user = "guest";
        String password = "guest";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
            password = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Every queue of the virtual host by name, from the first address that answers. */
    Map<String, Counts> read() throws IOException {
        IOException failure = null;
        for (URI base : bases) {
            try {
                return parse(get(base));
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    private String get(URI base) throws IOException {
        URI uri = base.resolve(
                "api/queues/" + URLEncoder.encode(vhost, StandardCharsets.UTF_8).replace("+", "%20")
                        + "?columns=name,messages,messages_ready,messages_unacknowledged,leader,node");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + uri, e);
        } catch (IOException e) {
            throw new IOException(uri + " does not answer (" + e + ")", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401
                            ? ": the broker URI's user is refused by the management API (it needs the management user tag)"
                            : ""));
        }
        return response.body();
    }

    private static Map<String, Counts> parse(String body) throws IOException {
        Object parsed;
        try {
            parsed = new JSON().fromJSON(body);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("the management API answered something other than JSON: " + abbreviate(body), e);
        }
        if (!(parsed instanceof Object[] queues)) {
            throw new IOException(
                    "the management API answered something other than a list of queues: " + abbreviate(body));
        }
        Map<String, Counts> counts = new HashMap<>();
        for (Object entry : queues) {
            if (entry instanceof Map<?, ?> queue && queue.get("name") instanceof String name) {
                Object leader = queue.get("leader") != null ? queue.get("leader") : queue.get("node");
                counts.put(
                        name,
                        new Counts(
                                name,
                                number(queue, "messages"),
                                number(queue, "messages_ready"),
                                number(queue, "messages_unacknowledged"),
                                leader == null ? "?" : leader.toString()));
            }
        }
        return counts;
    }

    /** A count the API leaves out (a queue whose leader it cannot reach) reads as 0. */
    private static long number(Map<?, ?> queue, String key) {
        return queue.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
