package com.cerby.scimtoken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A headless Chromium for one test class, with what the console tests check besides the page itself: the
 * clipboard, a virtual passkey authenticator, axe-core's accessibility rules, the content security policy, and
 * screenshots under target/screenshots/. It runs Debian's chromium and chromedriver (nothing is downloaded); elsewhere
 * -Dchromium.binary and -Dchromedriver.path name them.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium without any of its calls home (the network is closed, and tests must not depend on it). */
    public static Browser start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows", "--lang=en-US",
                "--window-size=1200,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.path", "/usr/bin/chromedriver")))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.grantPermissions",
                Map.of("permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        return new Browser(driver);
    }

    /** The secret is gone from the page and was never kept in storage, cookies or the address. */
    public void assertNothingKeeps(String secret) {
        Object kept = ((JavascriptExecutor) driver).executeScript("""
                const secret = arguments[0];
                const inDom = document.documentElement.outerHTML.includes(secret)
                    || [...document.querySelectorAll('input, textarea')].some((field) => field.value.includes(secret));
                return { inDom, localStorage: localStorage.length, sessionStorage: sessionStorage.length,
                         cookies: document.cookie, address: location.href.includes(secret) }""", secret);
        assertEquals(Map.of("inDom", false, "localStorage", 0L, "sessionStorage", 0L, "cookies", "",
                "address", false), kept);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (at most 15 s) until the condition answers something other than null or false. */
    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition);
    }

    /**
     * A passkey authenticator built into the device (CTAP2, internal transport) that keeps discoverable credentials
     * and verifies its user, as a laptop's fingerprint reader does; it answers the current window's prompts at once.
     * Its {@code setUserVerified(false)} makes the next prompt fail as a person's cancel does.
     */
    public VirtualAuthenticator addPasskeyAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    public void removeAuthenticator(VirtualAuthenticator authenticator) {
        driver.removeVirtualAuthenticator(authenticator);
    }

    /** What the page put on the clipboard. */
    public String clipboard() {
        return (String) driver.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], (e) => arguments[0]('clipboard unreadable: ' + e))");
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lays the pages out as a phone or a desktop window of that many CSS pixels (device metrics emulation: the
     * viewport, media queries and screenshots follow); {@link #resetViewport} undoes it.
     */
    public void emulateViewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    public void resetViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Emulates the browser's locale (what Intl formats with), e.g. "de-DE"; null goes back to the browser's own. */
    public void emulateLocale(String locale) {
        driver.executeCdpCommand("Emulation.setLocaleOverride", locale == null ? Map.of() : Map.of("locale", locale));
    }

    /** Emulates the media feature prefers-color-scheme ("light" or "dark"); null goes back to the system's. */
    public void emulateColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme == null ? "" : scheme))));
    }

    /**
     * Nothing of the page scrolls sideways (the document is no wider than the viewport) and every open dialog lies
     * inside the viewport without a sideways scrollbar of its own.
     */
    @SuppressWarnings("unchecked")
    public void assertFitsTheViewport(String state) {
        List<String> problems = (List<String>) driver.executeScript("""
                const page = document.documentElement;
                const problems = [];
                if (page.scrollWidth > page.clientWidth) {
                  problems.push(`the page is ${page.scrollWidth} px wide in a viewport of ${page.clientWidth}`);
                }
                for (const dialog of document.querySelectorAll('dialog[open]')) {
                  const box = dialog.getBoundingClientRect();
                  const name = dialog.querySelector('h2')?.textContent;
                  if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
                    problems.push(`dialog "${name}" at ${box.left},${box.top} to ${box.right},${box.bottom} in `
                      + `${innerWidth}x${innerHeight}`);
                  }
                  if (dialog.scrollWidth > dialog.clientWidth) {
                    problems.push(`dialog "${name}" scrolls sideways: ${dialog.scrollWidth} in ${dialog.clientWidth}`);
                  }
                }
                return problems;""");
        assertEquals(List.of(), problems, "the layout when " + state);
    }

    /** Lets the pages download files into the directory, without asking. */
    public void allowDownloadsInto(Path directory) {
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
    }

    /**
     * What a QR code on the page says, read from a screenshot of the element by zbarimg (Debian's zbar-tools), the
     * way a phone's camera reads the screen.
     */
    public String scanQrCode(WebElement image, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = SCREENSHOTS.resolve(name + ".png");
            Files.write(shot, image.getScreenshotAs(OutputType.BYTES));
            Process zbarimg = new ProcessBuilder("zbarimg", "--quiet", "--raw", shot.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String read = new String(zbarimg.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, zbarimg.waitFor(), "zbarimg found no QR code: " + read);
            return read.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** axe-core finds no serious or critical violation in the page as it is now (open dialogs included). */
    public void assertAccessible(String state) {
        List<Rule> blocking = new AxeBuilder().analyze(driver).getViolations().stream()
                .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
                .toList();
        assertEquals(List.of(), blocking.stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + ") at " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .toList(), "axe-core violations when " + state);
    }

    /** No window of this browser refused a script or style under its content security policy. */
    public void assertNoContentSecurityViolations() {
        List<String> violations = new ArrayList<>();
        String current = driver.getWindowHandle();
        for (String window : driver.getWindowHandles()) {
            driver.switchTo().window(window);
            driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy"))
                    .forEach(violations::add);
        }
        driver.switchTo().window(current);
        assertEquals(List.of(), violations);
    }

    /** Opens the window that the action opens (a link with a target) and answers its handle. */
    public String windowOpenedBy(Runnable action) {
        Set<String> before = driver.getWindowHandles();
        action.run();
        return waitFor(d -> d.getWindowHandles().stream().filter(handle -> !before.contains(handle)).findFirst()
                .orElse(null));
    }

    public void switchTo(String window) {
        if (!window.equals(driver.getWindowHandle())) {
            driver.switchTo().window(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
