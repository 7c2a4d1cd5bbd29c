package com.jobladder.internal.http;

import com.jobladder.internal.metrics.QueueDepth;
import com.jobladder.internal.topology.LadderSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every queue this worker knows, read from the broker when the page loads: each ladder level with
 * its rungs (TTL and depth), the worker queues (ready at the broker; this worker's in-flight
 * deliveries beside them, since AMQP does not report unacked counts), the dead-job and the
 * unrouted queue.
 */
final class QueuesPage {
    private QueuesPage() {}

    static Reply page(OpsParts parts) {
        parts.queues().poll();
        List<QueueDepth> all = parts.queues().all();
        LadderSpec ladder = parts.config().ladder();
        StringBuilder body = new StringBuilder();
        body.append("<h2>Ladder</h2><p class=note>radix ")
                .append(ladder.radix())
                .append(", unit ")
                .append(ladder.unit().toMillis())
                .append(" ms, ")
                .append(ladder.levels())
                .append(" levels; window ")
                .append(ladder.window().toMillis())
                .append(" ms, lead ")
                .append(ladder.lead().toMillis())
                .append(" ms. Ready messages by passive declare.</p>\n<table><tr><th>level</th><th>messages</th>"
                        + "<th>rungs (TTL: messages)</th></tr>");
        for (int level = ladder.levels() - 1; level >= 0; level--) {
            int lvl = level;
            List<QueueDepth> rungs = all.stream().filter(q -> q.level() == lvl).toList();
            long total = rungs.stream().mapToLong(QueueDepth::messages).sum();
            body.append("<tr><td>L")
                    .append(level)
                    .append("</td><td data-level=")
                    .append(level)
                    .append('>')
                    .append(total)
                    .append("</td><td class=rungs>");
            for (QueueDepth rung : rungs) {
                Duration ttl = ladder.unit().multipliedBy(rung.digit() * pow(ladder.radix(), level));
                body.append("<span title=\"")
                        .append(Html.escape(rung.queue()))
                        .append("\"")
                        .append(rung.messages() > 0 ? " class=busy" : "")
                        .append('>')
                        .append(ttl(ttl))
                        .append(": ")
                        .append(rung.error() != null ? "?" : rung.messages())
                        .append("</span> ");
            }
            body.append("</td></tr>");
        }
        body.append("</table>\n<h2>Worker queues</h2><table><tr><th>queue</th><th>ready</th><th>consumers</th>"
                + "<th>in flight here</th></tr>");
        Map<String, Integer> inFlight = parts.daemon().deliveriesInFlight();
        for (QueueDepth queue : all) {
            if (queue.role().equals("worker")) {
                String type = queue.queue().substring(queue.queue().lastIndexOf(".work.") + ".work.".length());
                body.append("<tr><td>")
                        .append(Html.escape(queue.queue()))
                        .append("</td>")
                        .append(count(queue))
                        .append("<td>")
                        .append(queue.consumers())
                        .append("</td><td>")
                        .append(inFlight.getOrDefault(type, 0))
                        .append("</td></tr>");
            }
        }
        body.append("</table><p class=note>Held jobs (the final approach), all types: ")
                .append(parts.daemon().stats().heldCount())
                .append(". Held and in-flight deliveries are unacked"
                        + " at the broker, not in ready.</p>\n<h2>Dead and unrouted</h2><table><tr><th>queue</th>"
                        + "<th>messages</th></tr>");
        for (QueueDepth queue : all) {
            if (queue.role().equals("dead") || queue.role().equals("unrouted")) {
                body.append("<tr><td>")
                        .append(Html.escape(queue.queue()))
                        .append("</td>")
                        .append(count(queue))
                        .append("</tr>");
            }
        }
        body.append("</table>\n");
        return Reply.html(200, Html.page("Queues", Pages.worker(parts), body.toString()));
    }

    private static String count(QueueDepth queue) {
        return queue.error() == null
                ? "<td data-queue=\"" + Html.escape(queue.queue()) + "\">" + queue.messages() + "</td>"
                : "<td class=error title=\"" + Html.escape(queue.error()) + "\">unknown</td>";
    }

    private static long pow(int radix, int level) {
        long value = 1;
        for (int i = 0; i < level; i++) {
            value *= radix;
        }
        return value;
    }

    /** 512ms, 1.5s, 98.3s, 2.2m, 1.5h, 2.9d: short, and distinct for every rung. */
    private static String ttl(Duration ttl) {
        long ms = ttl.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        // Each unit until the next one reads better: seconds below 2 minutes, minutes below 2 hours, hours below 2
        // days.
        long[] unitMs = {1_000, 60_000, 3_600_000, 86_400_000};
        long[] below = {120_000, 7_200_000, 172_800_000, Long.MAX_VALUE};
        String[] units = {"s", "m", "h", "d"};
        int i = 0;
        while (ms >= below[i]) {
            i++;
        }
        String value = String.format(java.util.Locale.ROOT, "%.1f", (double) ms / unitMs[i]);
        return (value.endsWith(".0") ? value.substring(0, value.length() - 2) : value) + units[i];
    }
}
