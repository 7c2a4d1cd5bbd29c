package com.jobladder.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.TestBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests against a running worker's dashboard: each answers a 4xx whose page says what
 * was wrong and what is expected, never a 500, and the worker keeps serving. Job ids and types are
 * checked by the API's own rules ({@code JobIds}, {@code JobTypes}).
 */
@Tag("integration")
class MalformedRequestsTest {
    private static final String TOKEN = "malformed-test-token-0123";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ID_RULE = "expected 1 to 200 characters of letters, digits and @:._+-";
    private static final List<String> PAGES = List.of(
            "/",
            "/api/overview",
            "/queues",
            "/jobs",
            "/dead",
            "/dead/redrive",
            "/schedules",
            "/metrics",
            "/health/live",
            "/health/ready",
            "/static/dashboard.css");
    private static final List<String> ACTIONS = List.of("/dead/redrive", "/schedules/trigger");

    @TempDir
    Path dir;
    /** Per test: the broker's test namespaces are deleted after each one. */
    private WorkerDaemon worker;

    private WorkerDaemon readOnly;

    @BeforeEach
    void startWorker() throws IOException {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules { nightly { cron = "0 2 * * *", syntax = unix, time-zone = UTC, job-type = ok } }
                """);
        worker = TestWorkers.start(
                TestBroker.config(
                        TestBroker.uniqueNamespace("malformed"), dir.resolve("data"), """
                jobladder.cron.schedules-file = "%s"
                jobladder.http.admin-token = "%s"
                """.formatted(schedules, TOKEN)),
                Map.of("ok", job -> {}));
    }

    /** A second worker, without an admin token, for the tests that compare the two. */
    private void startReadOnlyWorker() throws IOException {
        SchedulerConfig withoutToken =
                TestBroker.config(TestBroker.uniqueNamespace("malformed-ro"), dir.resolve("data-ro"));
        readOnly = TestWorkers.start(withoutToken, Map.of("ok", job -> {}));
    }

    @AfterEach
    void stopWorkers() {
        if (worker != null) {
            worker.close();
        }
        if (readOnly != null) {
            readOnly.close();
        }
    }

    @Test
    void aJobLookUpWithAnIdTheApiRefusesAnswers400WithTheRuleForIds() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String query : List.of(
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "'%20OR%201=1%20--", "%00", "a".repeat(201), "x".repeat(4000), "caf%C3%A9")) {
            HttpResponse<String> response = get(worker, "/jobs?id=" + query);
            soft.assertThat(response.statusCode())
                    .as("/jobs?id=%s", abbreviated(query))
                    .isEqualTo(400);
            soft.assertThat(response.body())
                    .as("/jobs?id=%s", abbreviated(query))
                    .contains(ID_RULE)
                    .doesNotContain("<script>");
        }
        soft.assertThat(get(worker, "/jobs?id=no-such-job").statusCode())
                .as("a valid id never run")
                .isEqualTo(200);
        soft.assertAll();
        assertStillServing();
    }

    @Test
    void aQueryOrFormThatIsNotPercentEncodedUtf8Answers400() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String target : List.of(
                "/jobs?id=%00%ff",
                "/jobs?id=%zz", "/jobs?id=%", "/jobs?id=%e9t%e9", "/dead?x=%G1", "/dead/redrive?id=%00%ff")) {
            RawResponse response = RawResponse.get(worker.httpPort(), target);
            soft.assertThat(response.status()).as(target).isEqualTo(400);
            soft.assertThat(response.body())
                    .as(target)
                    .contains("is not valid percent-encoded UTF-8")
                    .contains("expected name=value pairs");
        }
        for (String form : List.of("all=yes&confirm=%zz", "name=%00%ff", "confirm=yes&id=%e9")) {
            HttpResponse<String> response =
                    post(worker, form.startsWith("name") ? "/schedules/trigger" : "/dead/redrive", form, TOKEN);
            soft.assertThat(response.statusCode()).as(form).isEqualTo(400);
            soft.assertThat(response.body()).as(form).contains("the form is not valid percent-encoded UTF-8");
        }
        soft.assertAll();
        assertStillServing();
    }

    @Test
    void unknownPathsAnswer404NamingThePath() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("/nowhere", "/jobs/42", "/dead/", "/static/other.js", "/schedules/trigger/x")) {
            HttpResponse<String> response = get(worker, path);
            soft.assertThat(response.statusCode()).as(path).isEqualTo(404);
            soft.assertThat(response.body()).as(path).contains("Nothing at " + path);
        }
        HttpResponse<String> action = post(worker, "/dead/nothing", "", TOKEN);
        soft.assertThat(action.statusCode()).as("POST /dead/nothing").isEqualTo(404);
        soft.assertAll();
    }

    @Test
    void aWrongMethodOnAnyPageOrActionAnswers405WithTheMethodsAllowed() throws Exception {
        startReadOnlyWorker();
        SoftAssertions soft = new SoftAssertions();
        for (WorkerDaemon daemon : List.of(worker, readOnly)) {
            for (String path : PAGES) {
                for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
                    expect405(soft, daemon, method, path);
                }
                if (!ACTIONS.contains(path)) {
                    expect405(soft, daemon, "POST", path);
                }
            }
            for (String path : ACTIONS) {
                for (String method : List.of("PUT", "DELETE", "PATCH")) {
                    expect405(soft, daemon, method, path);
                }
            }
            HttpResponse<String> get = get(daemon, "/schedules/trigger?name=nightly");
            soft.assertThat(get.statusCode()).as("GET /schedules/trigger").isEqualTo(405);
            soft.assertThat(get.headers().firstValue("Allow"))
                    .as("GET /schedules/trigger")
                    .hasValue("POST");
        }
        soft.assertAll();
        assertStillServing();
    }

    @Test
    void aMalformedRedriveOrTriggerAnswers4xxWithWhatIsExpected() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        record Case(String path, String form, int status, String says) {}
        for (Case c : List.of(
                new Case("/dead/redrive", "", 400, "confirm=yes and one of id=JOB, type=TYPE or all=yes"),
                new Case("/dead/redrive", "all=yes", 400, "confirm=yes"),
                new Case("/dead/redrive", "confirm=yes", 400, "one of id=JOB, type=TYPE or all=yes"),
                new Case("/dead/redrive", "id=%3Cscript%3E&confirm=yes", 400, ID_RULE),
                new Case("/dead/redrive", "id=" + "a".repeat(201) + "&confirm=yes", 400, ID_RULE),
                new Case("/dead/redrive", "type=a%20b&confirm=yes", 400, "job type &quot;a b&quot; is invalid"),
                new Case("/dead/redrive", "all=no&confirm=yes", 400, "all=yes"),
                new Case("/schedules/trigger", "", 400, "name=SCHEDULE"),
                new Case("/schedules/trigger", "name=", 400, "name=SCHEDULE"),
                new Case("/schedules/trigger", "name=%3Cscript%3E", 404, "No schedule named &lt;script&gt;"))) {
            HttpResponse<String> response = post(worker, c.path(), c.form(), TOKEN);
            soft.assertThat(response.statusCode())
                    .as("POST %s %s", c.path(), c.form())
                    .isEqualTo(c.status());
            soft.assertThat(response.body())
                    .as("POST %s %s", c.path(), c.form())
                    .contains(c.says())
                    .doesNotContain("<script>");
        }
        for (String query : List.of("id=%3Cscript%3E", "type=%3Cscript%3E", "all=maybe", "id=", "")) {
            HttpResponse<String> confirm = get(worker, "/dead/redrive?" + query);
            soft.assertThat(confirm.statusCode())
                    .as("GET /dead/redrive?%s", query)
                    .isEqualTo(400);
        }
        HttpResponse<String> lots = get(worker, "/dead?redriven=lots");
        soft.assertThat(lots.statusCode())
                .as("/dead?redriven=lots: %s", lots.body())
                .isEqualTo(400);
        soft.assertThat(get(worker, "/schedules?triggered=%3Cscript%3E").statusCode())
                .as("/schedules?triggered=")
                .isEqualTo(400);
        soft.assertAll();
        assertStillServing();
    }

    @Test
    void anActionWithoutTheRightTokenIsRefusedWhateverItsForm() throws Exception {
        startReadOnlyWorker();
        SoftAssertions soft = new SoftAssertions();
        for (String form : List.of("", "all=yes&confirm=yes", "id=%3Cscript%3E&confirm=yes", "all=yes&confirm=%zz")) {
            for (String token : new String[] {null, "", "wrong-token-wrong-token"}) {
                HttpResponse<String> response = post(worker, "/dead/redrive", form, token);
                soft.assertThat(response.statusCode())
                        .as("token %s, form %s", token, form)
                        .isIn(400, 403);
                soft.assertThat(response.statusCode())
                        .as("token %s, form %s", token, form)
                        .isNotEqualTo(500);
            }
            HttpResponse<String> readOnlyAction = post(readOnly, "/dead/redrive", form, TOKEN);
            soft.assertThat(readOnlyAction.statusCode())
                    .as("read-only, form %s", form)
                    .isIn(400, 403);
        }
        HttpResponse<String> wellFormed = post(worker, "/dead/redrive", "all=yes&confirm=yes", "wrong-token-wrong");
        soft.assertThat(wellFormed.statusCode()).isEqualTo(403);
        soft.assertThat(wellFormed.body()).contains("needs the admin token");
        soft.assertAll();
    }

    @Test
    void aFormOfTheWrongKindOrTooLargeAnswers4xx() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        HttpResponse<String> json = send(
                worker,
                HttpRequest.newBuilder(uri(worker, "/dead/redrive"))
                        .header("Content-Type", "application/json")
                        .header(AdminToken.HEADER, TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"all\":\"yes\",\"confirm\":\"yes\"}")));
        soft.assertThat(json.statusCode()).as("a JSON body").isEqualTo(415);
        soft.assertThat(json.body()).as("a JSON body").contains("application/x-www-form-urlencoded");
        HttpResponse<String> huge =
                post(worker, "/dead/redrive", "all=yes&confirm=yes&pad=" + "x".repeat(300_000), TOKEN);
        soft.assertThat(huge.statusCode()).as("a 300 kB form").isEqualTo(413);
        soft.assertThat(huge.body()).as("a 300 kB form").contains("the form is too large");
        soft.assertAll();
        assertStillServing();
    }

    private void expect405(SoftAssertions soft, WorkerDaemon daemon, String method, String path)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(
                daemon, HttpRequest.newBuilder(uri(daemon, path)).method(method, HttpRequest.BodyPublishers.noBody()));
        soft.assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
        soft.assertThat(response.headers().firstValue("Allow"))
                .as("%s %s", method, path)
                .isPresent();
        if (!"HEAD".equals(method)) {
            soft.assertThat(response.body()).as("%s %s", method, path).contains(method + " is not allowed");
        }
    }

    private void assertStillServing() throws IOException, InterruptedException {
        assertThat(get(worker, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(worker, "/jobs").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(WorkerDaemon daemon, String path) throws IOException, InterruptedException {
        return send(daemon, HttpRequest.newBuilder(uri(daemon, path)).GET());
    }

    private static HttpResponse<String> post(WorkerDaemon daemon, String path, String form, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(daemon, path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            request.header(AdminToken.HEADER, token);
        }
        return send(daemon, request);
    }

    private static HttpResponse<String> send(WorkerDaemon daemon, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(WorkerDaemon daemon, String path) {
        return URI.create("http://127.0.0.1:" + daemon.httpPort() + path);
    }

    /** A request line java.net.http refuses to send (a malformed escape), over a plain socket. */
    private record RawResponse(int status, String body) {
        static RawResponse get(int port, String target) throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Connection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new RawResponse(Integer.parseInt(response.substring(9, 12)), response);
            }
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " characters)" : text;
    }
}
