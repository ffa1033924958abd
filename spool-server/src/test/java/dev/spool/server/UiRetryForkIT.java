package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The Retry button of an ended run and the Fork action of a step, clicked in a real browser. */
class UiRetryForkIT extends UiTestBase {
  @BeforeAll
  void start() {
    startAll(b -> b.requireApiKeys(false));
  }

  @Test
  void retryACancelledRunAndWatchItCarryOnToItsEnd() throws Exception {
    String runId = h.start("approval", "{\"subject\":\"launch\"}");
    awaitStored(runId, RunStatus.WAITING);
    h.spool.cancel(runId, "too early");
    openRun(runId, "");
    awaitStatus("cancelled");

    browser.visible("#retry-run").click();

    awaitStatus("waiting");
    assertThat(h.store.getRun(runId).orElseThrow().attempt()).isEqualTo(2);
    h.spool.signal(runId, "approve", "{\"approved\":true,\"comment\":\"now\"}");
    awaitStatus("completed");
    assertThat(browser.find("#retry-run").isDisplayed()).isFalse();
    assertEveryEventShownOnce(runId);
    assertThat(h.store.readEvents(runId, 0, 1000))
        .extracting(Event::type)
        .containsSubsequence(EventTypes.RUN_CANCELLED, EventTypes.RUN_RETRIED);
  }

  @Test
  void forkARunFromAStepOfItsTraceWithANewInput() throws Exception {
    String runId = h.start("steps", "{\"steps\":4}");
    awaitStored(runId, RunStatus.COMPLETED);
    openRun(runId, "/trace");
    browser.await(d -> browser.all(".trace-row").size() == 5);

    browser.find(".trace-row[data-path='steps/step#2'] button.call").click();
    WebElement detail = browser.visible("[data-detail-for='steps/step#2']");
    detail.findElement(css("[data-role='fork-input']")).sendKeys("{\"steps\":5}");
    detail.findElement(css("[data-role='fork']")).click();

    browser.await("the fork's page", d -> !browser.hash().contains(runId) ? true : null);
    String fork = browser.find(".run-page").getDomAttribute("data-run-id");
    awaitStatus("completed");
    assertThat(Json.tree(h.store.getRun(fork).orElseThrow().result().orElseThrow())).hasSize(5);
    assertThat(h.store.readEvents(fork, 0, 1000))
        .filteredOn(e -> e.type().equals(EventTypes.STEP_STARTED))
        .extracting(Event::path)
        .containsExactly("steps/step#2", "steps/step#3", "steps/step#4");
    browser.visible("#tab-events").click();
    browser.await(d -> browser.text(".run-page").contains("from " + runId + " at steps/step#2"));
  }

  private void awaitStored(String runId, RunStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (h.store.getRun(runId).orElseThrow().status() != status) {
      assertThat(System.nanoTime()).as("run %s %s", runId, status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
