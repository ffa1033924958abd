package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.store.RunInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The runs page: the live table, its filters and its pages. */
class UiRunsPageIT extends UiTestBase {
  final List<String> steps = new ArrayList<>();
  final List<String> hellos = new ArrayList<>();

  @BeforeAll
  void start() throws InterruptedException {
    startAll(b -> b.requireApiKeys(false));
    for (int i = 0; i < 23; i++) {
      steps.add(h.start("steps", "{\"steps\":0}"));
    }
    for (int i = 0; i < 2; i++) {
      hellos.add(h.start("hello", "{\"name\":\"Ada\",\"chunkMillis\":0}"));
    }
    for (RunInfo r : h.allRuns()) {
      h.awaitEnd(r.runId());
    }
  }

  /** The ids in the table, read in one go (the table updates itself every 2 s). */
  @SuppressWarnings("unchecked")
  List<String> shownRunIds() {
    return (List<String>)
        browser.js(
            "return [...document.querySelectorAll('table.runs tbody tr[data-run-id]')]"
                + ".map(tr => tr.dataset.runId)");
  }

  List<String> newestFirst() {
    return h.allRuns().stream()
        .sorted(Comparator.comparing(RunInfo::createdAt).thenComparing(RunInfo::runId).reversed())
        .map(RunInfo::runId)
        .toList();
  }

  @Test
  void pagesThroughRunsNewestFirstAndFiltersThem() {
    browser.open(url("#/runs"));
    List<String> all = newestFirst(); // 25, and one more if the other test ran first
    assertThat(all).hasSizeBetween(25, 26);
    browser.await("a first page of 20", d -> shownRunIds().size() == 20);
    assertThat(shownRunIds()).isEqualTo(all.subList(0, 20));
    WebElement row = browser.find("tr[data-run-id='" + hellos.getLast() + "']");
    assertThat(row.getDomAttribute("data-status")).isEqualTo("completed");
    assertThat(row.getText())
        .as("no deployment was promoted: pinned to none")
        .contains("hello", "completed", "any");
    assertThat(browser.find("#page-newer").isEnabled()).isFalse();

    browser.find("#page-older").click();
    browser.await("the older page", d -> shownRunIds().equals(all.subList(20, all.size())));
    assertThat(browser.find("#page-older").isEnabled()).isFalse();
    browser.find("#page-newer").click();
    browser.await("back to the newest", d -> shownRunIds().equals(all.subList(0, 20)));

    new Select(browser.find("#filter-workflow")).selectByValue("hello");
    browser.await("only hello runs", d -> shownRunIds().equals(hellos.reversed()));
    assertThat(browser.hash()).contains("workflow=hello");

    new Select(browser.find("#filter-status")).selectByValue("failed");
    browser.await(
        "an empty, explained page",
        d -> browser.find("table.runs tbody").getText().contains("No runs match these filters."));

    // Filters live in the address: a reload keeps them.
    browser.driver.navigate().refresh();
    browser.await(
        "the filters back",
        d ->
            "failed".equals(browser.find("#filter-status").getDomProperty("value"))
                && "hello".equals(browser.find("#filter-workflow").getDomProperty("value")));
  }

  @Test
  void showsNewRunsAndTheirStatusWithoutAReload() {
    browser.open(url("#/runs?workflow=approval"));
    browser.await(d -> browser.find("table.runs tbody").getText().contains("No runs match"));

    String runId = h.start("approval", "{\"subject\":\"new\"}");

    WebElement row = browser.visible("tr[data-run-id='" + runId + "']");
    browser.await("waiting", d -> "waiting".equals(row.getDomAttribute("data-status")));
    row.findElement(css("a")).click();
    browser.visible(".run-page[data-run-id='" + runId + "']");
  }
}
