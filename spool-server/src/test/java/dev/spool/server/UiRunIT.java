package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import dev.spool.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** One run's page in a real browser, without API keys (as under {@code spool dev}). */
class UiRunIT extends UiTestBase {
  @BeforeAll
  void start() {
    startAll(b -> b.requireApiKeys(false));
  }

  @Test
  void aRunNoLiveWorkerCanTakeSaysWhatItWaitsFor() {
    // A version no worker here registered, as a run left by code that is no longer deployed.
    String runId = "r-needs-v9";
    h.store.createRun(
        new dev.spool.store.NewRun(
            runId,
            "hello",
            "9",
            "{\"name\":\"Ada\"}",
            java.util.Optional.empty(),
            dev.spool.store.RunRules.UNPINNED,
            java.time.Instant.now()));
    openRun(runId, "");
    String why = browser.await("the reason", d -> textOrNull("#run-waiting-for"));
    assertThat(why).contains("no live worker has hello v9", "hello v1");
    h.store.requestCancel(runId, "test done", java.time.Instant.now());
  }

  /** Read in one script call: the meta list is rebuilt every second, so elements go stale. */
  private String textOrNull(String css) {
    Object t =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                css);
    return t == null || t.toString().isBlank() ? null : t.toString();
  }

  @Test
  void startFromTheFormWatchTheOutputGrowAndReloadMidRunWithoutGapOrDuplicate() {
    String runId = startFromForm("hello", Map.of("name", "Ada", "chunkMillis", "200"));

    // The output grows chunk by chunk while the run is running.
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int seen = lengths.isEmpty() ? 0 : lengths.getLast();
      lengths.add(
          browser.await(
              "the output to grow past " + seen + " characters",
              d -> {
                String t = outputText("text");
                return t != null && t.length() > seen ? t.length() : null;
              }));
    }
    assertThat(lengths).isSorted().doesNotHaveDuplicates();
    browser.screenshot("run-view-live");

    // Reload while the run is still going: the page rebuilds the history, then follows live.
    assertThat(h.store.getRun(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    browser.driver.navigate().refresh();
    browser.visible(".run-page[data-run-id='" + runId + "']");
    assertThat(h.store.getRun(runId).orElseThrow().status())
        .as("the reload happened mid-run")
        .isEqualTo(RunStatus.RUNNING);
    browser.await("the rebuilt output", d -> outputText("text").startsWith("Hello, Ada!"));

    // Leave for the runs page and come back: rebuilt again from the stream.
    browser.find("a.back").click();
    browser.visible("table.runs tr[data-run-id='" + runId + "']");
    browser.driver.navigate().back();
    browser.visible(".run-page[data-run-id='" + runId + "']");

    awaitStatus("completed");
    String result = resultText(runId);
    assertThat(outputText("text")).isEqualTo(result).startsWith("Hello, Ada!");
    assertThat(browser.text("#result")).isEqualTo(result);
    assertThat(browser.find("#conn").getDomAttribute("data-state")).isEqualTo("ended");
    assertEveryEventShownOnce(runId);
    browser.screenshot("run-view");
  }

  @Test
  void aRefusedStartShowsTheServersProblemAndBadInputNeverLeavesTheBrowser() {
    browser.open(url("#/runs"));
    int before = h.allRuns().size();

    // The schema allows any int32; the workflow itself refuses more than 10 s per chunk: 422.
    WebElement select = browser.visible("#start-workflow");
    new org.openqa.selenium.support.ui.Select(select).selectByValue("hello");
    browser.find("#input-name").sendKeys("Ada");
    browser.find("#input-chunkMillis").sendKeys("20000");
    browser.find("#start-submit").click();
    WebElement problem = browser.visible("#start-problem .problem");
    assertThat(problem.getText()).contains("422", "Invalid input", "chunkMillis must be within");
    assertThat(browser.hash()).isEqualTo("#/runs");

    // Checked against the published schema before any call: a missing required field.
    new org.openqa.selenium.support.ui.Select(browser.find("#start-workflow"))
        .selectByValue("steps");
    browser.find("#start-submit").click();
    browser.await(d -> browser.find("#input-steps-err").getText().contains("is required"));
    assertThat(browser.find("#input-steps").getDomAttribute("aria-invalid")).isEqualTo("true");

    // Not a whole number, and, as JSON, a field the schema does not have.
    browser.find("#input-steps").sendKeys("2.5");
    browser.find("#start-submit").click();
    browser.await(d -> browser.find("#input-steps-err").getText().contains("must be integer"));
    browser.find("#start-toggle-json").click();
    WebElement json = browser.visible("#start-json");
    json.clear();
    json.sendKeys("{\"steps\": 1, \"speed\": 9}");
    browser.find("#start-submit").click();
    browser.await(
        d -> browser.find("#start-json-err").getText().contains("speed is not a known field"));

    assertThat(h.allRuns()).as("no run was created").hasSize(before);
  }

  @Test
  void cancelARunningRun() {
    String runId = h.start("steps", "{\"steps\":300,\"stepMillis\":100}");
    openRun(runId, "");
    awaitStatus("running");
    browser.visible("#progress-bar");

    browser.find("#cancel-run").click();

    awaitStatus("cancelled");
    assertThat(h.store.getRun(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(browser.visible("#run-error").getText()).contains("RunCancelledException");
    assertThat(browser.find("#cancel-run").isDisplayed()).isFalse();
    assertEveryEventShownOnce(runId);
  }

  @Test
  void answerASignal() {
    String runId = h.start("approval", "{\"subject\":\"launch\"}");
    openRun(runId, "");
    awaitStatus("waiting");
    assertThat(browser.visible("#waiting-signal").getText()).isEqualTo("approve");

    WebElement value = browser.find("#signal-value");
    value.sendKeys("approved, obviously");
    browser.find("#signal-send").click();
    assertThat(browser.visible("#signal-problem .problem").getText()).contains("not valid JSON");
    assertThat(value.getDomAttribute("aria-invalid")).isEqualTo("true");

    value.clear();
    value.sendKeys("{\"approved\": true, \"comment\": \"ship it\"}");
    browser.find("#signal-send").click();

    awaitStatus("completed");
    JsonNode result = Json.tree(h.store.getRun(runId).orElseThrow().result().orElseThrow());
    assertThat(result.get("decision").asText()).isEqualTo("approved");
    assertThat(result.get("comment").asText()).isEqualTo("ship it");
    assertThat(browser.visible("#result").getText()).contains("\"decision\": \"approved\"");
    assertThat(browser.find("#waiting").isDisplayed()).isFalse();
    assertEveryEventShownOnce(runId);
  }

  @Test
  void longUnbrokenProgressAndOutputWrapInsideTheirBoxes() throws InterruptedException {
    String word = "unbroken".repeat(40);
    String waiting = h.start("approval", Json.write(Map.of("subject", word)));
    openRun(waiting, "");
    awaitStatus("waiting");
    browser.await(d -> browser.text("#progress-latest").contains(word));
    assertWrapped("#progress", "#progress-latest", ".progress-list li");

    String greeted = h.start("hello", Json.write(Map.of("name", word, "chunkMillis", 0)));
    openRun(greeted, "");
    awaitStatus("completed");
    awaitRenderedEnd(greeted);
    assertThat(outputText("text")).contains(word);
    assertWrapped("pre.stream[data-stream='text']", "#result", "#progress");
    browser.screenshot("run-view-long-words");
  }

  /** Neither these boxes nor the page scroll sideways: their text wraps inside them. */
  private void assertWrapped(String... selectors) {
    for (String selector : List.of(selectors)) {
      for (WebElement e : browser.all(selector)) {
        List<?> widths =
            (List<?>) browser.js("return [arguments[0].scrollWidth, arguments[0].clientWidth];", e);
        assertThat(((Number) widths.get(0)).longValue())
            .as(selector + "'s scrollWidth, against its clientWidth")
            .isLessThanOrEqualTo(((Number) widths.get(1)).longValue());
      }
    }
    assertThat(
            (Boolean)
                browser.js(
                    "const d = document.documentElement; return d.scrollWidth <= d.clientWidth;"))
        .as("the page does not scroll sideways")
        .isTrue();
  }

  @Test
  void theTraceShowsTheCallTreeWithRetriesErrorsInputsAndOutputs() {
    String runId = h.start("steps", "{\"steps\":6,\"stepMillis\":120,\"failEvery\":3}");
    openRun(runId, "/trace");
    awaitStatus("completed");
    browser.await(d -> browser.all(".trace-row").size() == 7);

    List<String> paths =
        browser.all(".trace-row").stream().map(r -> r.getDomAttribute("data-path")).toList();
    assertThat(paths)
        .containsExactly(
            "steps",
            "steps/step#0",
            "steps/step#1",
            "steps/step#2",
            "steps/step#3",
            "steps/step#4",
            "steps/step#5");
    for (int i = 0; i < 6; i++) {
      WebElement row = browser.find(".trace-row[data-path='steps/step#" + i + "']");
      boolean retried = (i + 1) % 3 == 0; // steps 3 and 6 fail their first attempt
      assertThat(row.getDomAttribute("data-attempts")).isEqualTo(retried ? "2" : "1");
      assertThat(row.getDomAttribute("data-retries")).isEqualTo(retried ? "1" : "0");
      assertThat(row.getDomAttribute("data-status")).isEqualTo("completed");
      List<String> bars =
          row.findElements(css(".seg")).stream()
              .map(s -> s.getDomAttribute("data-status"))
              .toList();
      assertThat(bars).isEqualTo(retried ? List.of("retried", "completed") : List.of("completed"));
    }
    assertThat(browser.find(".trace-row[data-path='steps']").getDomAttribute("data-status"))
        .isEqualTo("completed");

    // Details on demand: the failed attempt's error, the input and the output.
    browser.find(".trace-row[data-path='steps/step#2'] button.call").click();
    WebElement detail = browser.visible("[data-detail-for='steps/step#2']");
    WebElement first = detail.findElement(css(".attempt[data-attempt='1']"));
    assertThat(first.getDomAttribute("data-status")).isEqualTo("retried");
    assertThat(first.findElement(css("[data-role='error']")).getText())
        .contains("InjectedFailure", "step 3 fails its first attempt");
    WebElement second = detail.findElement(css(".attempt[data-attempt='2']"));
    second.findElement(css("details.io:last-of-type summary")).click();
    assertThat(second.findElement(css("pre[data-role='output']")).getText())
        .isEqualTo("step 3 done");
    second.findElement(css("details.io summary")).click();
    assertThat(second.findElement(css("pre[data-role='input']")).getText())
        .contains("\"number\": 3");
    browser.screenshot("trace-view");
  }

  @Test
  void spoolClientJsFollowsARunAndFillsGapsForEventTypesItDoesNotListenFor() {
    browser.open(url("#/runs"));
    @SuppressWarnings("unchecked")
    Map<String, Object> out =
        (Map<String, Object>)
            browser.jsAsync(
                """
                const done = arguments[arguments.length - 1];
                import('/spool-client.js').then(async ({ SpoolClient, Outputs, EVENT_TYPES }) => {
                  const spool = new SpoolClient();
                  const { runId } = await spool.start('hello', { name: 'Grace', chunkMillis: 5 });
                  const seqs = [];
                  const outputs = new Outputs();
                  spool.follow(runId, {
                    // Listening for neither output nor progress: both arrive through the gap fill.
                    types: EVENT_TYPES.filter((t) => t !== 'output' && t !== 'progress'),
                    onEvent: (e) => { seqs.push(e.seq); outputs.apply(e); },
                    onEnd: async () => {
                      const run = await spool.run(runId);
                      done({ runId, seqs, text: outputs.text('text'), lastSeq: run.lastSeq });
                    },
                    onError: (e) => done({ error: e.message }),
                  });
                }).catch((e) => done({ error: String(e) }));
                """);
    assertThat(out).doesNotContainKey("error");
    String runId = (String) out.get("runId");
    long lastSeq = ((Number) out.get("lastSeq")).longValue();
    assertThat(((List<?>) out.get("seqs")).stream().map(s -> ((Number) s).longValue()).toList())
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, lastSeq).boxed().toList());
    assertThat(out.get("text")).isEqualTo(resultText(runId));
  }

  /**
   * The page's own modules on shapes no built-in workflow makes yet: output from an attempt that
   * then failed, parallel branches, calls inside a retried attempt, and LLM usage and provider.
   */
  @Test
  @SuppressWarnings("unchecked")
  void outputsAndTraceHandleSupersededAttemptsBranchesAndLlmData() {
    browser.open(url("#/runs"));
    Map<String, Object> out =
        (Map<String, Object>)
            browser.jsAsync(
                """
                const done = arguments[arguments.length - 1];
                Promise.all([import('/ui/run-model.js'), import('/ui/trace.js')]).then(([m, t]) => {
                  let seq = 0;
                  const ev = (type, path, attempt, data) => ({
                    seq: ++seq, runId: 'r1', type, ts: new Date(1000 + seq * 10).toISOString(), path, attempt, data });
                  const model = new m.RunModel('r1');
                  [
                    ev('run.started', '', 1, {}),
                    ev('step.started', 'blog/write#0', 1, { component: 'write', input: 'x' }),
                    ev('output', 'blog/write#0', 1, { stream: 'text', chunk: 'lost ' }),
                    ev('step.started', 'blog/write#0/tool#0', 1, { component: 'tool' }),
                    ev('output', 'blog/write#0/tool#0', 1, { stream: 'text', chunk: 'also lost ' }),
                    ev('step.completed', 'blog/write#0/tool#0', 1, { component: 'tool', durationMs: 5, output: 1 }),
                    ev('step.retrying', 'blog/write#0', 1, { component: 'write', error: { type: 'E', message: 'boom' }, delayMs: 20, nextAttempt: 2 }),
                    ev('step.started', 'blog/write#0', 2, { component: 'write', input: 'x' }),
                    ev('step.started', 'blog/write#0@2/tool#0', 1, { component: 'tool' }),
                    ev('step.completed', 'blog/write#0@2/tool#0', 1, { component: 'tool', durationMs: 5, output: 2 }),
                    ev('output', 'blog/write#0', 2, { stream: 'text', chunk: 'cut off by a dead worker ' }),
                    ev('output.superseded', 'blog/write#0', 2, { reason: 'resumed', chunks: 1 }),
                    ev('output', 'blog/write#0', 2, { stream: 'text', chunk: 'kept' }),
                    ev('llm.retry', 'blog/write#0', 2, { provider: 'openai', status: 429 }),
                    ev('step.completed', 'blog/write#0', 2, { component: 'write', durationMs: 30, output: 'kept',
                      usage: { inputTokens: 12, outputTokens: 30, totalTokens: 42 }, provider: 'fake-openai' }),
                    ev('step.started', 'blog/all#1[0]/section#0', 1, { component: 'section' }),
                    ev('step.started', 'blog/all#1[1]/section#0', 1, { component: 'section' }),
                    ev('step.completed', 'blog/all#1[1]/section#0', 1, { component: 'section', durationMs: 9, output: 'b' }),
                    ev('step.completed', 'blog/all#1[0]/section#0', 1, { component: 'section', durationMs: 9, output: 'a' }),
                    ev('run.completed', '', 1, { result: 'kept' }),
                  ].forEach((e) => model.apply(e));
                  const view = new t.TraceView(model);
                  view.render(true);
                  const rows = [...view.el.querySelectorAll('.trace-row')].map((r) =>
                    [r.dataset.path, r.dataset.kind, r.dataset.status, r.dataset.attempts].join(' '));
                  const write = view.el.querySelector('.trace-row[data-path="blog/write#0"]');
                  done({
                    text: model.outputs.text('text'),
                    superseded: model.outputs.superseded('text'),
                    rows,
                    chips: [...write.querySelectorAll('.chip')].map((c) => c.textContent),
                    llm: model.trace.nodes.get('blog/write#0').llm.length,
                  });
                }).catch((e) => done({ error: String(e.stack || e) }));
                """);
    assertThat(out).doesNotContainKey("error");
    assertThat(out.get("text")).isEqualTo("kept");
    assertThat(out.get("superseded")).isEqualTo(3L);
    assertThat((List<String>) out.get("rows"))
        .containsExactly(
            "blog workflow completed 0",
            "blog/write#0 step completed 2",
            "blog/write#0/tool#0 step completed 1",
            "blog/write#0@2 scope completed 0",
            "blog/write#0@2/tool#0 step completed 1",
            "blog/all#1 group completed 0",
            "blog/all#1[0] branch completed 0",
            "blog/all#1[0]/section#0 step completed 1",
            "blog/all#1[1] branch completed 0",
            "blog/all#1[1]/section#0 step completed 1");
    assertThat((List<String>) out.get("chips"))
        .containsExactly("2 attempts", "fake-openai", "42 tokens");
    assertThat(out.get("llm")).isEqualTo(1L);
  }
}
