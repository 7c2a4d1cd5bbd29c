package com.jobladder.internal.http;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobStatus;
import org.eclipse.jetty.util.Fields;

/** A job by id: its state and every attempt the audit store holds, oldest first. */
final class JobPage {
    private JobPage() {}

    static Reply page(Fields parameters, OpsParts parts) {
        String id = parameters.getValue("id");
        StringBuilder body = new StringBuilder("<form method=get action=/jobs class=inline><label>Job id <input"
                        + " name=id required value=\"")
                .append(id == null ? "" : Html.escape(id))
                .append("\"></label> <button>Look up</button></form>\n");
        if (id == null || id.isBlank()) {
            return Reply.html(200, Html.page("Jobs", Pages.worker(parts), body.toString()));
        }
        try {
            JobIds.requireValid(id);
        } catch (InvalidRequestException e) {
            body.append("<p class=error>").append(Html.escape(e.getMessage())).append("</p>");
            return Reply.html(400, Html.page("Jobs", Pages.worker(parts), body.toString()));
        }
        JobStatus status = parts.daemon().store().status(id);
        body.append("<h2>")
                .append(Html.escape(id))
                .append("</h2><p>state <strong data-key=state>")
                .append(status.state())
                .append("</strong>, <span data-key=attempts>")
                .append(status.attempts().size())
                .append("</span> attempt(s) recorded</p>\n<table><tr><th>attempt</th><th>outcome</th><th>type</th>"
                        + "<th>schedule</th><th>due</th><th>started</th><th>finished</th><th>late</th><th>worker</th>"
                        + "<th>error</th></tr>");
        for (JobAttempt a : status.attempts()) {
            body.append("<tr><td>")
                    .append(a.attempt())
                    .append("</td><td class=\"outcome ")
                    .append(a.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\">")
                    .append(a.outcome())
                    .append("</td><td>")
                    .append(Html.escape(a.type()))
                    .append("</td><td>")
                    .append(a.scheduleName() == null ? "–" : Html.escape(a.scheduleName()))
                    .append("</td><td>")
                    .append(Pages.instant(a.dueAt()))
                    .append("</td><td>")
                    .append(Pages.instant(a.startedAt()))
                    .append("</td><td>")
                    .append(Pages.instant(a.finishedAt()))
                    .append("</td><td>")
                    .append(Pages.millis(a.lateness()))
                    .append("</td><td>")
                    .append(Html.escape(a.workerId()))
                    .append("</td><td class=error-text>")
                    .append(a.error() == null ? "" : Html.escape(a.error()))
                    .append("</td></tr>");
        }
        body.append("</table>\n");
        return Reply.html(200, Html.page("Job " + id, Pages.worker(parts), body.toString()));
    }
}
