package com.jobladder.internal.http;

import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.clock.ClockOffset;
import com.jobladder.internal.clock.ClockStatus;
import com.jobladder.internal.engine.WorkerStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The overview: this worker's outcomes since it started (with rates, computed by the page's
 * script between refreshes), what the audit store holds, held and in-flight jobs, and how late
 * jobs started. {@code /api/overview} gives the same numbers as JSON for the live refresh.
 */
final class OverviewPage {
    /** Upper bounds of the lateness histogram's bars, in milliseconds; the last bar is everything above. */
    private static final long[] LATENESS_BOUNDS = {1, 10, 100, 1_000, 10_000};

    private OverviewPage() {}

    static Map<String, Object> numbers(OpsParts parts) {
        DaemonView daemon = parts.daemon();
        WorkerStats stats = daemon.stats();
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            numbers.put(outcome.name().toLowerCase(Locale.ROOT), stats.count(outcome));
        }
        numbers.put("held", stats.heldCount());
        numbers.put(
                "inFlight",
                daemon.deliveriesInFlight().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        numbers.put("auditRows", daemon.store().attemptCount());
        numbers.put("auditSucceeded", daemon.store().successCount());
        numbers.put("cronLeader", daemon.cronLeader());
        Histogram lateness = daemon.lateness();
        numbers.put("latenessP50", lateness.getValueAtPercentile(50));
        numbers.put("latenessP99", lateness.getValueAtPercentile(99));
        numbers.put("latenessMax", lateness.getMaxValue());
        numbers.put("latenessBars", bars(lateness));
        clock(numbers, daemon.clock());
        return numbers;
    }

    /** The clock's state, the last offset measured (reference minus local) and its bound, the correction in force. */
    private static void clock(Map<String, Object> numbers, ClockStatus clock) {
        ClockOffset measured = clock == null ? null : clock.measured();
        numbers.put("clockState", clock == null ? "-" : clock.state().name());
        numbers.put("clockOffsetMs", measured == null ? "-" : millis(measured.offset()));
        numbers.put("clockBoundMs", measured == null ? "-" : millis(measured.bound()));
        numbers.put("clockCorrectionMs", clock == null ? "-" : millis(clock.correction()));
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", ClockStatus.millis(duration));
    }

    /** Jobs per bar: up to 1 ms, 10 ms, 100 ms, 1 s, 10 s, and above. */
    private static long[] bars(Histogram lateness) {
        long[] bars = new long[LATENESS_BOUNDS.length + 1];
        long below = 0;
        for (int i = 0; i < LATENESS_BOUNDS.length; i++) {
            long upTo = lateness.getCountBetweenValues(0, LATENESS_BOUNDS[i]);
            bars[i] = upTo - below;
            below = upTo;
        }
        bars[LATENESS_BOUNDS.length] = lateness.getTotalCount() - below;
        return bars;
    }

    static Reply page(OpsParts parts) {
        Map<String, Object> n = numbers(parts);
        StringBuilder body = new StringBuilder("<section class=cards>");
        for (String key : new String[] {"succeeded", "failed", "dead", "duplicate", "cancelled", "skipped"}) {
            card(body, key, n.get(key), true);
        }
        card(body, "held", n.get("held"), false);
        card(body, "inFlight", n.get("inFlight"), false);
        body.append("</section>\n<p class=note>Outcomes recorded by this worker since it started; rates per second"
                + " between refreshes. Held: early jobs waiting, unacked, for their due time. In flight: deliveries"
                + " running or waiting for a handler thread.</p>\n");
        body.append("<h2>Audit store</h2><table class=numbers><tr><th>attempts recorded</th><td data-key=auditRows>")
                .append(n.get("auditRows"))
                .append("</td></tr><tr><th>jobs succeeded</th><td data-key=auditSucceeded>")
                .append(n.get("auditSucceeded"))
                .append("</td></tr><tr><th>cron leader</th><td data-key=cronLeader>")
                .append(n.get("cronLeader"))
                .append("</td></tr></table>\n");
        body.append("<h2>Clock</h2><table class=numbers><tr><th>state</th><td data-key=clockState>")
                .append(n.get("clockState"))
                .append("</td></tr><tr><th>offset (audit database minus this worker), ms</th>"
                        + "<td data-key=clockOffsetMs>")
                .append(n.get("clockOffsetMs"))
                .append("</td></tr><tr><th>error bound, ± ms</th><td data-key=clockBoundMs>")
                .append(n.get("clockBoundMs"))
                .append("</td></tr><tr><th>correction applied, ms</th><td data-key=clockCorrectionMs>")
                .append(n.get("clockCorrectionMs"))
                .append(
                        "</td></tr></table>\n<p class=note>Jobs, lateness and cron fires are timed by this worker's clock"
                                + " plus the correction (docs/operations.md, \"Clocks\").</p>\n");
        body.append("<h2>Lateness</h2><p>p50 <span data-key=latenessP50>")
                .append(n.get("latenessP50"))
                .append("</span> ms · p99 <span data-key=latenessP99>")
                .append(n.get("latenessP99"))
                .append("</span> ms · max <span data-key=latenessMax>")
                .append(n.get("latenessMax"))
                .append("</span> ms</p>\n<table class=histogram>");
        long[] bars = (long[]) n.get("latenessBars");
        String[] labels = {"≤ 1 ms", "≤ 10 ms", "≤ 100 ms", "≤ 1 s", "≤ 10 s", "> 10 s"};
        long most = Math.max(1, java.util.Arrays.stream(bars).max().orElse(1));
        for (int i = 0; i < bars.length; i++) {
            body.append("<tr><th>")
                    .append(labels[i])
                    .append("</th><td><meter data-bar=")
                    .append(i)
                    .append(" min=0 max=")
                    .append(most)
                    .append(" value=")
                    .append(bars[i])
                    .append("></meter></td>")
                    .append("<td data-bar-count=")
                    .append(i)
                    .append('>')
                    .append(bars[i])
                    .append("</td></tr>");
        }
        body.append("</table>\n");
        return Reply.html(200, Html.page("Overview", Pages.worker(parts), body.toString()));
    }

    private static void card(StringBuilder body, String key, Object value, boolean rate) {
        body.append("<div class=card><div class=label>")
                .append(Html.escape(key))
                .append("</div><div class=value" + " data-key=")
                .append(key)
                .append(rate ? " data-rate" : "")
                .append('>')
                .append(value)
                .append("</div>")
                .append(rate ? "<div class=rate data-rate-of=" + key + ">–/s</div>" : "")
                .append("</div>");
    }
}
