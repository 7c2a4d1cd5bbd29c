package com.jobladder.internal.http;

import java.time.Duration;
import java.time.Instant;

/** Small pieces every page uses. */
final class Pages {
    private Pages() {}

    /** The header's line: which worker this is and whether it leads cron. */
    static String worker(OpsParts parts) {
        return "worker " + parts.config().worker().id() + (parts.daemon().cronLeader() ? " · cron leader" : "");
    }

    static String instant(Instant at) {
        return at == null ? "–" : Html.escape(at.toString());
    }

    static String millis(Duration duration) {
        return duration == null ? "–" : duration.toMillis() + " ms";
    }

    /** The token field every action form carries. */
    static String tokenField() {
        return "<label>Admin token <input type=password name=" + AdminToken.FIELD
                + " autocomplete=current-password required></label>";
    }

    static String notice(String text) {
        return "<p class=notice>" + Html.escape(text) + "</p>";
    }
}
