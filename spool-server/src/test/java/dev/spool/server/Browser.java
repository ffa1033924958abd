package dev.spool.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code
 * chromium-driver}; {@code scripts/test} installs them). Both paths are given explicitly, so
 * Selenium never tries to download a browser or a driver.
 */
final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final Path CHROMIUM =
      Path.of(System.getProperty("spool.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("spool.chromedriver", "/usr/bin/chromedriver"));

  /**
   * Selenium warns that it has no DevTools protocol classes for this Chromium; these tests use
   * WebDriver only. Held here, as java.util.logging keeps loggers weakly.
   */
  private static final Logger CDP_LOG =
      quiet(Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"));

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final List<LogEntry> console = new ArrayList<>();

  private Browser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /**
   * Starts Chromium.
   *
   * @throws IllegalStateException saying what is missing and how to install it
   */
  static Browser start() {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            "the web UI tests need "
                + p
                + ", which is missing: install Chromium and its driver with"
                + " 'apt-get install -y chromium chromium-driver' (scripts/test does), or point"
                + " -Dspool.chromium= and -Dspool.chromedriver= at them");
      }
    }
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(SCREENSHOTS.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1360,1000",
        "--force-prefers-reduced-motion");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(WAIT);
      return new Browser(service, driver);
    } catch (WebDriverException e) {
      service.stop();
      throw new IllegalStateException(
          "Chromium ("
              + CHROMIUM
              + ") did not start through "
              + CHROMEDRIVER
              + "; their versions must match (Debian's packages keep them in step): "
              + e.getMessage(),
          e);
    }
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  void open(String url) {
    driver.get(url);
  }

  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).until(condition);
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
        .withMessage(what)
        .until(condition);
  }

  WebElement visible(String css) {
    return await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * The text of the first element {@code css} matches, as the DOM holds it (Selenium's getText()
   * folds whitespace); empty while there is no such element yet.
   */
  String text(String css) {
    return (String) js("return document.querySelector(arguments[0])?.textContent ?? ''", css);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object jsAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  String hash() {
    return (String) js("return location.hash");
  }

  /** Saves a PNG of the window under target/screenshots/. */
  Path screenshot(String name) {
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the page logged since the last call. */
  List<LogEntry> newConsoleEntries() {
    List<LogEntry> fresh = driver.manage().logs().get(LogType.BROWSER).getAll();
    console.addAll(fresh);
    return fresh;
  }

  /** Everything the page logged, for a failing test's report. */
  String console() {
    newConsoleEntries();
    return console.stream()
        .map(e -> e.getLevel() + " " + e.getMessage())
        .collect(Collectors.joining("\n"));
  }

  /** Saves a screenshot, the page's HTML and its console, named after a failed test. */
  void saveEvidence(String name) {
    try {
      screenshot("failed-" + name);
      Files.writeString(SCREENSHOTS.resolve("failed-" + name + ".html"), driver.getPageSource());
      Files.writeString(SCREENSHOTS.resolve("failed-" + name + ".console.txt"), console());
    } catch (IOException | WebDriverException e) {
      System.err.println("could not save evidence of " + name + ": " + e);
    }
  }

  Map<String, Object> localStorage() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>) js("return Object.fromEntries(Object.entries(localStorage))");
    return m;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
