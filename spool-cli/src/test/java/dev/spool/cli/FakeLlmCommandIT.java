package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Json;
import dev.spool.cli.internal.CliException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool fake-llm} as a real process: it serves, counts, goes down on cue and stops. */
class FakeLlmCommandIT {
  @TempDir Path dir;

  @Test
  void servesChatCompletionsGoesDownAfterNAndStopsOnSigterm() throws Exception {
    try (SpoolProcess p =
            SpoolProcess.start(
                dir, "fake", "fake-llm", "--port", "0", "--down-after", "1", "--words", "3");
        HttpClient http = HttpClient.newHttpClient()) {
      p.awaitLog("stats:", 30);
      Matcher m = Pattern.compile("fake LLM on (http://127\\.0\\.0\\.1:\\d+/v1)").matcher(p.log());
      assertThat(m.find()).isTrue();
      String base = m.group(1);
      assertThat(p.log()).contains("SPOOL_LLM_BASE_URL=" + base);

      String body =
          "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      HttpResponse<String> first = post(http, base + "/chat/completions", body);
      HttpResponse<String> second = post(http, base + "/chat/completions", body);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(
              Json.tree(first.body())
                  .path("choices")
                  .get(0)
                  .path("message")
                  .path("content")
                  .asText()
                  .split(" "))
          .hasSize(3);
      assertThat(second.statusCode()).as("down after one request").isEqualTo(503);

      HttpResponse<String> stats =
          http.send(
              HttpRequest.newBuilder(URI.create(base.replace("/v1", "/fake/stats"))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(Json.tree(stats.body()).path("requests").asLong()).isEqualTo(2);
      assertThat(Json.tree(stats.body()).path("failed").asLong()).isEqualTo(1);

      p.terminate();
      assertThat(p.awaitExit(20)).isZero();
      assertThat(p.log()).contains("stopping:");
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    Cli.Result r = Cli.raw("fake-llm", "--port", "0", "--down-for", "1s");
    assertThat(r.exit()).isEqualTo(CliException.USAGE);
    assertThat(r.err()).contains("--down-for needs --down-after");
    Cli.Result rate = Cli.raw("fake-llm", "--port", "0", "--error-rate", "2");
    assertThat(rate.exit()).isEqualTo(CliException.USAGE);
    assertThat(rate.err()).contains("error rate");
  }

  private static HttpResponse<String> post(HttpClient http, String url, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
