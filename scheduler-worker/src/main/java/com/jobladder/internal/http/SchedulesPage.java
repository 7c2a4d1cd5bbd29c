package com.jobladder.internal.http;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobIds;
import com.jobladder.internal.cron.CronSchedule;
import com.jobladder.internal.cron.ManualTrigger;
import com.jobladder.internal.cron.NextFires;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;

/**
 * The cron schedules in force on this daemon: expression, zone, next fires in the schedule's zone
 * and in UTC, the last fires from the audit store, and (with the admin token) a trigger that
 * fires one now through {@link ManualTrigger}.
 */
final class SchedulesPage {
    private static final int NEXT = 3;
    private static final int LAST = 3;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private SchedulesPage() {}

    static Reply page(Fields parameters, OpsParts parts, boolean actions) {
        StringBuilder body = new StringBuilder();
        String triggered = parameters.getValue("triggered");
        if (triggered != null) {
            JobIds.requireValid(triggered);
            body.append(Pages.notice("Triggered: job " + triggered + " published, due now."));
        }
        if (parts.cron() == null) {
            body.append("<p>Cron is off on this daemon: no schedules file at ")
                    .append(Html.escape(parts.config().cron().schedulesFile()))
                    .append(".</p>");
            return Reply.html(200, Html.page("Schedules", Pages.worker(parts), body.toString()));
        }
        body.append("<p class=note>From ")
                .append(Html.escape(parts.config().cron().schedulesFile()))
                .append(". This daemon ")
                .append(parts.daemon().cronLeader() ? "is" : "is not")
                .append(" the cron leader.</p>\n<table><tr><th>schedule</th><th>cron</th><th>zone</th><th>type</th>"
                        + "<th>next fires (zone · UTC)</th><th>last fires</th>")
                .append(actions ? "<th></th>" : "")
                .append("</tr>");
        Instant now = parts.clock().instant();
        List<CronSchedule> schedules = parts.cron().schedules().stream()
                .sorted(Comparator.comparing(CronSchedule::name))
                .toList();
        for (CronSchedule s : schedules) {
            body.append("<tr data-schedule=\"")
                    .append(Html.escape(s.name()))
                    .append("\"><td>")
                    .append(Html.escape(s.name()))
                    .append(s.enabled() ? "" : " (disabled)")
                    .append("</td><td><code>")
                    .append(Html.escape(s.cron()))
                    .append("</code></td><td>")
                    .append(Html.escape(s.zone().getId()))
                    .append("</td><td>")
                    .append(Html.escape(s.jobType()))
                    .append("</td><td class=fires>");
            if (s.enabled()) {
                for (Instant at : NextFires.of(s, now, NEXT)) {
                    body.append(Html.escape(LOCAL.format(at.atZone(s.zone()))))
                            .append(" · ")
                            .append(Pages.instant(at))
                            .append("<br>");
                }
            } else {
                body.append("none: disabled");
            }
            body.append("</td><td class=fires>");
            for (JobAttempt fire : parts.daemon().store().lastAttemptsOfSchedule(s.name(), LAST)) {
                body.append("<a href=\"/jobs?id=")
                        .append(Html.escape(Html.url(fire.jobId())))
                        .append("\">")
                        .append(Pages.instant(fire.dueAt()))
                        .append("</a> ")
                        .append(fire.outcome())
                        .append("<br>");
            }
            body.append("</td>");
            if (actions) {
                body.append("<td><form method=post action=/schedules/trigger><input type=hidden name=name value=\"")
                        .append(Html.escape(s.name()))
                        .append("\">")
                        .append(Pages.tokenField())
                        .append(" <button>Trigger now</button></form></td>");
            }
            body.append("</tr>");
        }
        body.append("</table>\n");
        return Reply.html(200, Html.page("Schedules", Pages.worker(parts), body.toString()));
    }

    static Reply trigger(Fields parameters, OpsParts parts) throws Exception {
        String name = parameters.getValue("name");
        if (name == null || name.isBlank()) {
            return Reply.html(
                    400,
                    Html.page(
                            "Trigger",
                            Pages.worker(parts),
                            "<p class=error>A trigger needs"
                                    + " name=SCHEDULE, the name of one of this daemon's schedules.</p>"));
        }
        Optional<CronSchedule> schedule = parts.cron() == null
                ? Optional.empty()
                : parts.cron().schedules().stream()
                        .filter(s -> s.name().equals(name))
                        .findFirst();
        if (schedule.isEmpty()) {
            return Reply.html(
                    404,
                    Html.page(
                            "Trigger",
                            Pages.worker(parts),
                            "<p class=error>No schedule named " + Html.escape(name) + " on this daemon.</p>"));
        }
        String jobId = ManualTrigger.fire(
                        schedule.get(),
                        parts.session().publisher(),
                        parts.clock(),
                        parts.config().broker().confirmTimeout())
                .id();
        return Reply.seeOther("/schedules?triggered=" + Html.url(jobId));
    }
}
