package com.jobladder.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.JobStatus;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in headless Chromium: every page loads, its numbers are the audit store's and the
 * broker's, a redrive made through the confirmation page runs the dead jobs again, a trigger fires
 * a schedule, and an action with a wrong or no token is refused. Screenshots go to
 * {@code -Djobladder.screenshots=DIR} (docs/dashboard is made that way), else target/.
 */
@Tag("integration")
class DashboardBrowserTest {
    private static final String TOKEN = "dashboard-test-token-0123";

    @TempDir
    Path dir;

    @Test
    void pagesShowTheAuditStoresNumbersAndRedriveAndTriggerNeedTheToken() throws Exception {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules { nightly-report { cron = "0 2 * * *", syntax = unix, time-zone = "Europe/Paris",
                                            job-type = "ok" } }
                """);
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("dashboard"), dir.resolve("data"), """
                jobladder.job-types.flaky { max-attempts = 1 }
                jobladder.cron.schedules-file = "%s"
                jobladder.http.admin-token = "%s"
                """.formatted(schedules, TOKEN));
        AtomicBoolean failing = new AtomicBoolean(true);
        JobHandler flaky = job -> {
            if (failing.get()) {
                throw new IllegalStateException("the mail server said no");
            }
        };
        Path screenshots = Path.of(System.getProperty("jobladder.screenshots", "target/dashboard-screenshots"));
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("ok", job -> {}, "flaky", flaky));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build();
                Browser browser = Browser.open(screenshots)) {
            for (int i = 0; i < 3; i++) {
                scheduler.schedule(JobRequest.ofType("ok").id("ok-" + i).after(Duration.ofMillis(200 * i)));
            }
            scheduler.schedule(JobRequest.ofType("flaky").id("mail-1").now());
            scheduler.schedule(JobRequest.ofType("flaky").id("mail-2").now());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().attemptCount() == 5,
                    () -> worker.store().attemptCount() + " audit rows, expected 5");
            String base = "http://127.0.0.1:" + worker.httpPort();

            browser.driver.get(base + "/");
            assertThat(text(browser, "[data-key=succeeded]")).isEqualTo("3");
            assertThat(text(browser, "[data-key=dead]")).isEqualTo("2");
            assertThat(text(browser, "[data-key=auditRows]"))
                    .isEqualTo(String.valueOf(worker.store().attemptCount()));
            assertThat(text(browser, "[data-key=auditSucceeded]"))
                    .isEqualTo(String.valueOf(worker.store().successCount()));
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> text(browser, "[data-rate-of=succeeded]").endsWith("/s")
                            && !text(browser, "[data-rate-of=succeeded]").startsWith("–"),
                    () -> "the live refresh never ran");
            browser.screenshot("overview");

            browser.driver.get(base + "/queues");
            String deadQueue = config.topologyNames().deadQueue();
            assertThat(text(browser, "[data-queue='" + deadQueue + "']")).isEqualTo("2");
            assertThat(browser.driver.findElements(By.cssSelector("[data-level]")))
                    .hasSize(config.ladder().levels());
            browser.screenshot("queues");

            browser.driver.get(base + "/jobs?id=mail-1");
            JobStatus mail1 = worker.store().status("mail-1");
            assertThat(text(browser, "[data-key=state]"))
                    .isEqualTo(mail1.state().name())
                    .isEqualTo("DEAD");
            assertThat(text(browser, "[data-key=attempts]"))
                    .isEqualTo(String.valueOf(mail1.attempts().size()));
            assertThat(browser.driver.getPageSource()).contains("the mail server said no");
            browser.screenshot("job");

            browser.driver.get(base + "/dead");
            assertThat(text(browser, "[data-key=deadCount]")).isEqualTo("2");
            browser.screenshot("dead");

            // A wrong token through the confirmation page: refused, nothing redriven.
            browser.driver.findElement(By.linkText("Redrive type flaky…")).click();
            assertThat(browser.await(By.cssSelector("[data-key=matching]")).getText())
                    .isEqualTo("2");
            browser.driver.findElement(By.name("token")).sendKeys("not-the-token-at-all");
            browser.driver.findElement(By.cssSelector("button[name=confirm]")).click();
            assertThat(browser.await(By.xpath("//h1[text()='Refused']")).getText())
                    .isEqualTo("Refused");
            HttpResponse<String> noToken =
                    HttpGet.postForm(worker.httpPort(), "/dead/redrive", "all=yes&confirm=yes", null);
            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).contains("needs the admin token");
            HttpResponse<String> tokenInUrl =
                    HttpGet.postForm(worker.httpPort(), "/dead/redrive?all=yes&confirm=yes&token=" + TOKEN, "", null);
            assertThat(tokenInUrl.statusCode())
                    .as("a token in the URL is not read")
                    .isEqualTo(403);
            browser.driver.get(base + "/dead");
            assertThat(text(browser, "[data-key=deadCount]"))
                    .as("nothing was redriven")
                    .isEqualTo("2");

            // The right token: both go back and, the handler mended, succeed.
            failing.set(false);
            browser.driver.findElement(By.linkText("Redrive type flaky…")).click();
            browser.await(By.name("token")).sendKeys(TOKEN);
            browser.screenshot("redrive-confirm");
            browser.driver.findElement(By.cssSelector("button[name=confirm]")).click();
            assertThat(browser.await(By.className("notice")).getText()).startsWith("2 dead job(s) redriven");
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().status("mail-1").state() == JobState.SUCCEEDED
                            && worker.store().status("mail-2").state() == JobState.SUCCEEDED,
                    () -> "the redriven jobs did not succeed: " + worker.store().status("mail-1"));
            browser.driver.get(base + "/dead");
            assertThat(text(browser, "[data-key=deadCount]")).isEqualTo("0");
            HttpResponse<String> byHeader =
                    HttpGet.postForm(worker.httpPort(), "/dead/redrive", "all=yes&confirm=yes", TOKEN);
            assertThat(byHeader.statusCode()).as("the token in the header").isEqualTo(303);
            assertThat(byHeader.headers().firstValue("Location")).hasValue("/dead?redriven=0");

            browser.driver.get(base + "/schedules");
            WebElement row = browser.driver.findElement(By.cssSelector("[data-schedule=nightly-report]"));
            assertThat(row.getText())
                    .contains("Europe/Paris")
                    .contains("02:00:00 +01:00 · ")
                    .contains("T01:00:00Z");
            browser.screenshot("schedules");
            row.findElement(By.name("token")).sendKeys(TOKEN);
            row.findElement(By.tagName("button")).click();
            String notice = browser.await(By.className("notice")).getText();
            assertThat(notice).startsWith("Triggered: job nightly-report@manual-");
            String triggered = notice.substring("Triggered: job ".length(), notice.indexOf(" published"));
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().status(triggered).state() == JobState.SUCCEEDED,
                    () -> "the triggered job did not run: " + worker.store().status(triggered));
            browser.driver.get(base + "/schedules");
            assertThat(browser.driver
                            .findElement(By.cssSelector("[data-schedule=nightly-report]"))
                            .getText())
                    .contains("SUCCEEDED");
        }
    }

    @Test
    void withoutATokenTheDashboardOffersNoActionAndRefusesThem() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("read-only"), dir.resolve("data"));
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("ok", job -> {}))) {
            int port = worker.httpPort();
            HttpResponse<String> dead = HttpGet.get(port, "/dead");
            assertThat(dead.statusCode()).isEqualTo(200);
            assertThat(dead.body()).contains("Read-only").doesNotContain("/dead/redrive");
            assertThat(HttpGet.get(port, "/dead/redrive?all=yes").statusCode()).isEqualTo(403);
            HttpResponse<String> action = HttpGet.postForm(port, "/dead/redrive", "all=yes&confirm=yes&token=x", null);
            assertThat(action.statusCode()).isEqualTo(403);
            assertThat(action.body()).contains("read-only");
        }
    }

    private static String text(Browser browser, String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }
}
