package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server goes away mid-run and comes back on the same port: the page's EventSource
 * reconnects by itself (with Last-Event-ID) and the run's output carries on with no gap and no
 * duplicate. The worker, a separate plane, keeps running the run meanwhile.
 */
class UiReconnectIT extends UiTestBase {
  @BeforeAll
  void start() {
    startAll(b -> b.requireApiKeys(false));
  }

  @Test
  void theStreamResumesAfterTheServerRestarts() throws Exception {
    String runId = h.start("hello", "{\"name\":\"Lin\",\"chunkMillis\":150}");
    openRun(runId, "");
    browser.await("some output", d -> outputText("text").length() > 8);
    browser.js(
        """
        window.connStates = [];
        const conn = document.getElementById('conn');
        new MutationObserver(() => connStates.push(conn.dataset.state))
            .observe(conn, { attributes: true, attributeFilter: ['data-state'] });
        """);

    int port = h.server.port();
    h.server.close();
    browser.await(
        "the page to notice",
        d -> ((List<?>) browser.js("return connStates")).contains("reconnecting") ? true : null);
    int before = outputText("text").length();
    try (SpoolServer again =
        SpoolServer.builder(h.spool).port(port).requireApiKeys(false).build().start()) {
      awaitStatus("completed");
      assertThat(outputText("text")).isEqualTo(resultText(runId)).hasSizeGreaterThan(before);
      assertEveryEventShownOnce(runId);
      assertThat(browser.js("return connStates")).asList().endsWith("ended");
      browser.await(
          "the page to clear the outage's problem",
          d -> browser.all("#run-problem .problem").isEmpty());
    }
  }
}
