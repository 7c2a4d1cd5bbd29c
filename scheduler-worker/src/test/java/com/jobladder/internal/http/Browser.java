package com.jobladder.internal.http;

import com.jobladder.testsupport.Poll;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver (Selenium), with a fresh profile and
 * nothing that reaches the network. A missing browser fails the test, saying how to install it.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** @param screenshots where {@link #screenshot} saves PNGs */
    static Browser open(Path screenshots) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError(CHROMIUM + " or " + CHROMEDRIVER + " is missing: the dashboard tests need"
                    + " Debian's headless Chromium; install it with 'apt-get install -y chromium chromium-driver'"
                    + " (bin/ensure-services does)");
        }
        Path profile = Files.createTempDirectory("jobladder-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,860");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        Files.createDirectories(screenshots);
        return new Browser(new ChromeDriver(service, options), profile, screenshots);
    }

    /** The element once the page shows it: a click that submits a form returns before the next page loads. */
    WebElement await(By locator) {
        Poll.until(
                Duration.ofSeconds(15),
                () -> !driver.findElements(locator).isEmpty(),
                () -> "no " + locator + " within 15 s on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource());
        return driver.findElement(locator);
    }

    void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
