package com.jobladder.internal.http;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobTypes;
import com.jobladder.internal.deadjobs.DeadJob;
import com.jobladder.internal.deadjobs.DeadJobs;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jetty.util.Fields;

/**
 * The dead-job queue and its redrive, as {@code scheduler dead} does it ({@link DeadJobs}): one job,
 * every job of a type, or all. A redrive link leads to a confirmation page that says what would be
 * sent back; only its form, with the admin token, redrives.
 */
final class DeadJobsPage {
    static final int LIMIT = 500;

    private DeadJobsPage() {}

    /** Which dead jobs a request selects: {@code id}, {@code type} or {@code all}, with words for the page. */
    private record Selection(String field, String value, Predicate<DeadJob> matches, String words) {
        /** Null when none is given; an id or type the API would refuse is the client's error. */
        static Selection of(Fields parameters) {
            String id = parameters.getValue("id");
            String type = parameters.getValue("type");
            if (id != null && !id.isBlank()) {
                JobIds.requireValid(id);
                return new Selection("id", id, DeadJobs.withId(id), "the dead job " + id);
            }
            if (type != null && !type.isBlank()) {
                JobTypes.requireValid(type);
                return new Selection("type", type, DeadJobs.ofType(type), "every dead job of type " + type);
            }
            if ("yes".equals(parameters.getValue("all"))) {
                return new Selection("all", "yes", DeadJobs.all(), "every dead job");
            }
            return null;
        }
    }

    private static DeadJobs deadJobs(OpsParts parts) {
        return new DeadJobs(parts.consuming(), parts.session().publisher(), parts.config(), parts.clock());
    }

    static Reply list(Fields parameters, OpsParts parts, boolean actions) throws Exception {
        List<DeadJob> jobs = deadJobs(parts).list(LIMIT);
        StringBuilder body = new StringBuilder();
        String redriven = parameters.getValue("redriven");
        if (redriven != null) {
            if (!redriven.matches("\\d{1,9}")) {
                throw new InvalidRequestException("redriven=" + redriven + " is invalid: expected the count of jobs"
                        + " a redrive sent back, as the redrive's own redirect gives it");
            }
            body.append(Pages.notice(redriven + " dead job(s) redriven: back in the ladder, due now."));
        }
        body.append("<p><span data-key=deadCount>")
                .append(jobs.size())
                .append("</span> dead job(s)")
                .append(jobs.size() == LIMIT ? " (the first " + LIMIT + ")" : "")
                .append(".</p>\n");
        if (actions && !jobs.isEmpty()) {
            body.append("<p class=actions><a class=button href=\"/dead/redrive?all=yes\">Redrive all…</a>");
            for (String type : new TreeSet<>(jobs.stream().map(DeadJob::type).toList())) {
                body.append(" <a class=button href=\"/dead/redrive?type=")
                        .append(Html.escape(Html.url(type)))
                        .append("\">Redrive type ")
                        .append(Html.escape(type))
                        .append("…</a>");
            }
            body.append("</p>\n");
        }
        body.append("<table><tr><th>job</th><th>type</th><th>attempt</th><th>due</th><th>bytes</th><th>reason</th>")
                .append(actions ? "<th></th>" : "")
                .append("</tr>");
        for (DeadJob job : jobs) {
            body.append("<tr><td><a href=\"/jobs?id=")
                    .append(Html.escape(Html.url(job.jobId())))
                    .append("\">")
                    .append(Html.escape(job.jobId()))
                    .append("</a></td><td>")
                    .append(Html.escape(job.type()))
                    .append("</td><td>")
                    .append(job.attempt())
                    .append("</td><td>")
                    .append(Pages.instant(job.dueAt()))
                    .append("</td><td>")
                    .append(job.payloadBytes())
                    .append("</td><td class=error-text>")
                    .append(Html.escape(job.reason()))
                    .append("</td>");
            if (actions) {
                body.append("<td>")
                        .append(
                                job.dueAt() == null
                                        ? "poison: stays"
                                        : "<a href=\"/dead/redrive?id=" + Html.escape(Html.url(job.jobId()))
                                                + "\">Redrive…</a>")
                        .append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</table>\n");
        if (!actions) {
            body.append("<p class=note>Read-only: set jobladder.http.admin-token on the worker to redrive from"
                    + " here, or use <code>scheduler dead --redrive</code>.</p>");
        }
        return Reply.html(200, Html.page("Dead jobs", Pages.worker(parts), body.toString()));
    }

    /** What a redrive would send back, and the form that does it. */
    static Reply confirm(Fields parameters, OpsParts parts) throws Exception {
        Selection selection = Selection.of(parameters);
        if (selection == null) {
            return Reply.html(
                    400,
                    Html.page(
                            "Redrive",
                            Pages.worker(parts),
                            "<p class=error>Say which dead jobs:" + " id=JOB, type=TYPE or all=yes.</p>"));
        }
        long matching = deadJobs(parts).list(LIMIT).stream()
                .filter(job -> job.dueAt() != null)
                .filter(selection.matches())
                .count();
        String body = "<p>Redrive " + Html.escape(selection.words()) + ": <strong data-key=matching>" + matching
                + "</strong> job(s) now in the queue" + (matching == LIMIT ? " or more" : "") + " go back into the"
                + " ladder, due now, same id, a fresh set of attempts. Poison messages stay.</p>\n"
                + "<form method=post action=/dead/redrive><input type=hidden name=" + selection.field() + " value=\""
                + Html.escape(selection.value()) + "\">" + Pages.tokenField()
                + " <button name=confirm value=yes>Yes, redrive</button> <a href=/dead>Cancel</a></form>\n";
        return Reply.html(200, Html.page("Redrive?", Pages.worker(parts), body));
    }

    static Reply redrive(Fields parameters, OpsParts parts) throws Exception {
        Selection selection = Selection.of(parameters);
        if (selection == null || !"yes".equals(parameters.getValue("confirm"))) {
            return Reply.html(
                    400,
                    Html.page(
                            "Redrive",
                            Pages.worker(parts),
                            "<p class=error>A redrive needs"
                                    + " confirm=yes and one of id=JOB, type=TYPE or all=yes.</p>"));
        }
        List<DeadJob> redriven = deadJobs(parts).redrive(selection.matches());
        return Reply.seeOther("/dead?redriven=" + redriven.size());
    }
}
