package com.jobladder.internal.http;

/** Escaping and the frame every page shares: title, navigation, one stylesheet and one script. */
final class Html {
    private Html() {}

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query parameter value. */
    static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @param worker shown in the header: the worker id and whether actions are allowed
     * @param body   HTML, already escaped
     */
    static String page(String title, String worker, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · JobLadder</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/static/dashboard.css"><script src="/static/dashboard.js" defer></script>
                </head><body>
                <header><strong>JobLadder</strong> <span class="worker">%s</span>
                <nav><a href="/">Overview</a> <a href="/queues">Queues</a> <a href="/jobs">Jobs</a>
                <a href="/dead">Dead jobs</a> <a href="/schedules">Schedules</a> <a href="/metrics">Metrics</a></nav>
                </header>
                <main><h1>%s</h1>
                %s
                </main></body></html>
                """.formatted(escape(title), escape(worker), escape(title), body);
    }
}
