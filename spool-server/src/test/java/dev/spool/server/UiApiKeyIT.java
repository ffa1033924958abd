package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** With API keys required: the UI asks for a key on a 401, keeps it, and streams with it. */
class UiApiKeyIT extends UiTestBase {
  ApiKeys.CreatedKey key;

  @BeforeAll
  void start() {
    startAll(b -> {}); // keys required, the default
    key = ApiKeys.create(h.store.keys(), "ui-test", Instant.now());
  }

  WebElement keyDialog() {
    return browser.visible("#key-dialog[open]");
  }

  void enterKey(String text) {
    WebElement input = browser.find("#key-input");
    input.clear();
    input.sendKeys(text);
    browser.find("#key-save").click();
  }

  @Test
  void asksForTheKeyOnce_keepsIt_andStreamsARunWithIt() {
    browser.open(url("#/runs"));

    // No key: the server's 401 opens the prompt, with the server's reason.
    assertThat(keyDialog().getText()).contains("API key required");
    enterKey("spool_wrong_key");
    browser.await(
        "the prompt again, for a bad key",
        d -> browser.find("#key-reason").getText().contains("Invalid API key"));
    enterKey(key.key());

    browser.visible("#start-workflow");
    assertThat(browser.find("#key-dialog").getDomAttribute("open")).isNull();
    assertThat(browser.localStorage()).containsEntry("spool.apiKey", key.key());
    assertThat(browser.find("#key-button").getDomAttribute("data-key-set")).isEqualTo("true");

    // The run's stream is an EventSource, which cannot send headers: ?access_token= carries the
    // key.
    String runId = startFromForm("hello", Map.of("name", "Key", "chunkMillis", "20"));
    awaitStatus("completed");
    assertThat(outputText("text")).isEqualTo(resultText(runId));
    assertEveryEventShownOnce(runId);

    // A reload remembers the key: no prompt.
    browser.driver.navigate().refresh();
    awaitStatus("completed");
    assertThat(browser.find("#key-dialog").getDomAttribute("open")).isNull();

    // Forgetting it brings the prompt back at the next call.
    browser.find("#key-button").click();
    keyDialog();
    browser.find("#key-forget").click();
    browser.await(
        "the prompt after forgetting",
        d -> browser.find("#key-dialog").getDomAttribute("open") != null);
    assertThat(browser.localStorage()).doesNotContainKey("spool.apiKey");
    browser.find("#key-cancel").click();
    assertThat(browser.visible("#run-problem .problem, main .problem").getText()).contains("401");
  }
}
