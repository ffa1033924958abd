package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Json;
import dev.spool.store.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI's tests: a real server over SQLite with the built-in workflows, a worker in this JVM
 * (as {@code spool dev} runs one), and a real headless Chromium, shared by a class's tests. A
 * failed test leaves its screenshot, page and console under {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UiTestBase {
  Path dir;
  ServerHarness h;
  Browser browser;

  @RegisterExtension
  final TestWatcher evidence =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            browser.saveEvidence(
                UiTestBase.this.getClass().getSimpleName()
                    + "-"
                    + context.getRequiredTestMethod().getName());
          }
        }
      };

  /** Starts the server (with these options), a worker, and the browser. */
  void startAll(Consumer<SpoolServer.Builder> options) {
    try {
      dir = Files.createTempDirectory("spool-ui-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    h = new ServerHarness(dir, options);
    h.worker();
    browser = Browser.start();
  }

  /**
   * The page threw nothing and broke no policy (CSP) during the test. Failed requests are not
   * errors here: some tests make them on purpose (a refused start, a server restart).
   */
  @AfterEach
  void noPageErrors() {
    if (browser == null) {
      return;
    }
    List<String> errors =
        browser.newConsoleEntries().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(e -> e.getMessage())
            .filter(m -> !m.contains("Failed to load resource"))
            .toList();
    assertThat(errors).as("errors in the browser's console").isEmpty();
  }

  @AfterAll
  void stopAll() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (h != null) {
        h.close();
      }
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  String url(String hash) {
    return h.server.baseUri() + "/" + hash;
  }

  /** Opens a run's page on a tab ("" for the overview, "/trace", "/events"). */
  void openRun(String runId, String tab) {
    browser.open(url("#/runs/" + runId + tab));
    browser.visible(".run-page[data-run-id='" + runId + "']");
  }

  /** Fills the start form and submits it; returns the id of the run it opened. */
  String startFromForm(String workflow, Map<String, String> fields) {
    if (!browser.hash().startsWith("#/runs") || browser.hash().startsWith("#/runs/")) {
      browser.open(url("#/runs"));
    }
    WebElement select = browser.visible("#start-workflow");
    new Select(select).selectByValue(workflow);
    browser.await(d -> browser.find("#start-desc").getText().isEmpty() ? null : true);
    fields.forEach(
        (name, value) -> {
          WebElement input = browser.find("#input-" + name);
          input.clear();
          input.sendKeys(value);
        });
    browser.find("#start-submit").click();
    String hash =
        browser.await(
            "the run page to open",
            d -> browser.hash().matches("#/runs/[^/?]+") ? browser.hash() : null);
    return hash.substring("#/runs/".length());
  }

  void awaitStatus(String status) {
    browser.await(
        "status " + status,
        d -> status.equals(browser.find(".run-page").getDomAttribute("data-status")));
  }

  /**
   * Waits until the page has applied the ended run's whole stream and rendered its end. Its status
   * alone is not enough: the page may show it from the run's info before the stream's events (the
   * output among them) are applied.
   */
  void awaitRenderedEnd(String runId) throws InterruptedException {
    String last = String.valueOf(h.awaitEnd(runId).lastSeq());
    browser.await(
        "run " + runId + " rendered to its last event, " + last,
        d ->
            last.equals(browser.find(".run-page").getDomAttribute("data-last-seq"))
                && !browser.all("#result-box > *").isEmpty());
  }

  String outputText(String stream) {
    return browser.text("pre.stream[data-stream='" + stream + "']");
  }

  /** The seqs the event log shows, in order. */
  List<Long> shownSeqs() {
    return ((List<?>)
            browser.js(
                "return [...document.querySelectorAll('#event-log li')].map(li => li.dataset.seq)"))
        .stream().map(s -> Long.parseLong((String) s)).toList();
  }

  /** Every event of the run is shown exactly once, in order, and nothing else is. */
  void assertEveryEventShownOnce(String runId) {
    RunInfo run = h.store.getRun(runId).orElseThrow();
    assertThat(shownSeqs())
        .as("seqs in the event log")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, run.lastSeq()).boxed().toList());
    assertThat(browser.find(".run-page").getDomAttribute("data-last-seq"))
        .isEqualTo(Long.toString(run.lastSeq()));
  }

  /** The run's result as a string (the hello workflow's result is one). */
  String resultText(String runId) {
    return Json.tree(h.store.getRun(runId).orElseThrow().result().orElseThrow()).asText();
  }

  By css(String selector) {
    return By.cssSelector(selector);
  }
}
