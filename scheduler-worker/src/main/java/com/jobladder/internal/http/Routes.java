package com.jobladder.internal.http;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.util.Fields;

/**
 * Which endpoint answers which method and path. Pages read; actions (POST) change something and
 * are refused unless the admin token is configured and given.
 */
final class Routes {
    private final Supplier<OpsParts> parts;
    private final AdminToken token;
    private final Map<String, Endpoint> pages;
    private final Map<String, Endpoint> actions;

    Routes(Supplier<OpsParts> parts, AdminToken token, Executor lookUps) {
        this.parts = parts;
        this.token = token;
        boolean canAct = token.configured();
        this.pages = Map.ofEntries(
                Map.entry("/health/live", (in, p) -> Health.live(p)),
                Map.entry("/health/ready", (in, p) -> Health.ready(p, lookUps)),
                Map.entry(
                        "/metrics",
                        (in, p) -> new Reply(200, Reply.PROMETHEUS, p.meters().scrape())),
                Map.entry("/", (in, p) -> OverviewPage.page(p)),
                Map.entry("/api/overview", (in, p) -> Reply.json(200, OverviewPage.numbers(p))),
                Map.entry("/queues", (in, p) -> QueuesPage.page(p)),
                Map.entry("/jobs", JobPage::page),
                Map.entry("/dead", (in, p) -> DeadJobsPage.list(in, p, canAct)),
                Map.entry("/dead/redrive", (in, p) -> canAct ? DeadJobsPage.confirm(in, p) : readOnly()),
                Map.entry("/schedules", (in, p) -> SchedulesPage.page(in, p, canAct)),
                Map.entry("/static/dashboard.css", (in, p) -> Assets.CSS),
                Map.entry("/static/dashboard.js", (in, p) -> Assets.JS));
        this.actions = Map.of(
                "/dead/redrive", DeadJobsPage::redrive,
                "/schedules/trigger", SchedulesPage::trigger);
    }

    /**
     * 404 for a path nothing answers, 405 (with {@code Allow}) for a method its endpoint does not
     * take; null when the request may go on to {@link #answer}.
     */
    Reply refusal(String method, String path) {
        boolean page = pages.containsKey(path);
        boolean action = actions.containsKey(path);
        if (!page && !action) {
            return Reply.error(404, "Not found", "Nothing at " + path + ". The dashboard starts at /.");
        }
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (read && page || "POST".equals(method) && action) {
            return null;
        }
        return Reply.methodNotAllowed(method, path, page && action ? "GET, HEAD, POST" : page ? "GET, HEAD" : "POST");
    }

    /** The answer to a request {@link #refusal} let through. */
    Reply answer(String method, String path, Fields parameters, String headerToken) throws Exception {
        OpsParts current = parts.get();
        if (!"POST".equals(method)) {
            if (current == null && !path.startsWith("/health/") && !path.startsWith("/static/")) {
                return notReady();
            }
            return pages.get(path).answer(parameters, current);
        }
        String given = headerToken != null ? headerToken : parameters.getValue(AdminToken.FIELD);
        if (!token.configured()) {
            return readOnly();
        }
        if (!token.accepts(given)) {
            return Reply.error(
                    403,
                    "Refused",
                    "Refused: this action needs the admin token (form field \"token\" or" + " header "
                            + AdminToken.HEADER + ").");
        }
        if (current == null) {
            return notReady();
        }
        return actions.get(path).answer(parameters, current);
    }

    private static Reply notReady() {
        return Reply.html(503, Html.page("Not ready", "", "<p>The worker is starting or stopping.</p>"));
    }

    private static Reply readOnly() {
        return Reply.html(
                403,
                Html.page(
                        "Read-only",
                        "",
                        "<p class=error>This dashboard is read-only: set"
                                + " jobladder.http.admin-token (or JOBLADDER_HTTP_ADMIN_TOKEN) on the worker to allow actions.</p>"));
    }
}
