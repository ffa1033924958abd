package dev.spool.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeLlmServerTest {
  final HttpClient http = HttpClient.newHttpClient();
  FakeLlmServer fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
    http.close();
  }

  HttpResponse<String> chat(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer k")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code n} chat requests sent at once, each on a thread of its own; their answers in order. */
  List<HttpResponse<String>> burst(int n) throws Exception {
    List<HttpResponse<String>> out = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String text = "request " + i;
        all.add(pool.submit(() -> chat(prompt(text, false))));
      }
      for (var f : all) {
        out.add(f.get());
      }
    }
    return out;
  }

  static String prompt(String text, boolean stream) {
    return "{\"model\":\"m1\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + Json.quote(text)
        + "}]}";
  }

  @Test
  void answersLikeOpenAiWithDeterministicTextAndUsage() throws Exception {
    fake = FakeLlmServer.start();
    assertThat(fake.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");

    HttpResponse<String> a = chat(prompt("durable agents", false));
    HttpResponse<String> b = chat(prompt("durable agents", false));
    HttpResponse<String> c = chat(prompt("something else", false));

    assertThat(a.statusCode()).isEqualTo(200);
    JsonNode n = Json.tree(a.body());
    assertThat(n.path("object").asText()).isEqualTo("chat.completion");
    assertThat(n.path("model").asText()).isEqualTo("m1");
    String text = n.path("choices").get(0).path("message").path("content").asText();
    assertThat(text.split(" ")).hasSize(24);
    assertThat(n.path("usage").path("completion_tokens").asLong()).isEqualTo(24);
    assertThat(n.path("usage").path("total_tokens").asLong())
        .isEqualTo(24 + n.path("usage").path("prompt_tokens").asLong());
    assertThat(Json.tree(b.body()).path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(text);
    assertThat(Json.tree(c.body()).path("choices").get(0).path("message").path("content").asText())
        .isNotEqualTo(text);
    assertThat(fake.stats().completed()).isEqualTo(3);
    assertThat(fake.requests().get(0).lastUserMessage()).isEqualTo("durable agents");
  }

  @Test
  void streamsServerSentEventsWithUsageAndDone() throws Exception {
    fake = FakeLlmServer.builder().words(5).tokensPerSecond(200).start();

    HttpResponse<String> r = chat(prompt("durable agents", true));

    assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
    List<String> data = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      }
    }
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    JsonNode usage = null;
    for (String d : data.subList(0, data.size() - 1)) {
      JsonNode n = Json.tree(d);
      assertThat(n.path("object").asText()).isEqualTo("chat.completion.chunk");
      if (n.path("choices").size() > 0) {
        text.append(n.path("choices").get(0).path("delta").path("content").asText(""));
      }
      if (n.has("usage")) {
        usage = n.path("usage");
      }
    }
    assertThat(usage).isNotNull();
    assertThat(usage.path("completion_tokens").asLong()).isEqualTo(5);
    String plain =
        Json.tree(chat(prompt("durable agents", false)).body())
            .path("choices")
            .get(0)
            .path("message")
            .path("content")
            .asText();
    assertThat(text.toString()).isEqualTo(plain);
  }

  @Test
  void throttlesWithRetryAfterAndEnforcesItsOwnRateLimit() throws Exception {
    fake = FakeLlmServer.builder().rateLimit(3, Duration.ofSeconds(30)).start();
    fake.throttleNext(1, Duration.ofMillis(1500));

    HttpResponse<String> scripted = chat(prompt("x", false));
    assertThat(scripted.statusCode()).isEqualTo(429);
    assertThat(scripted.headers().firstValue("Retry-After")).contains("2");
    assertThat(scripted.headers().firstValue("retry-after-ms")).contains("1500");

    for (int i = 0; i < 3; i++) {
      assertThat(chat(prompt("x" + i, false)).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> over = chat(prompt("y", false));
    assertThat(over.statusCode()).isEqualTo(429);
    long wait = Long.parseLong(over.headers().firstValue("retry-after-ms").orElseThrow());
    assertThat(wait).isBetween(25_000L, 30_000L);
    assertThat(fake.stats().throttled()).isEqualTo(2);
    assertThat(fake.stats().requests()).isEqualTo(5);
    assertThat(fake.stats().requestsLastMinute()).isEqualTo(5);
    assertThat(fake.maxRequestsIn(Duration.ofSeconds(30))).isEqualTo(5);
  }

  @Test
  void goesDownAndComesBack() throws Exception {
    fake = FakeLlmServer.builder().downAfter(2, Duration.ZERO).start();
    assertThat(chat(prompt("a", false)).statusCode()).isEqualTo(200);
    assertThat(chat(prompt("b", false)).statusCode()).isEqualTo(200);
    assertThat(chat(prompt("c", false)).statusCode()).isEqualTo(503);
    assertThat(fake.isDown()).isTrue();
    fake.comeUp();
    assertThat(chat(prompt("d", false)).statusCode()).isEqualTo(200);
    fake.downFor(Duration.ofMillis(300));
    assertThat(chat(prompt("e", false)).statusCode()).isEqualTo(503);
    Thread.sleep(350);
    assertThat(chat(prompt("f", false)).statusCode()).isEqualTo(200);
    assertThat(fake.stats().failed()).isEqualTo(2);
  }

  @Test
  void downAfterServesExactlyThatManyOfAConcurrentBurst() throws Exception {
    fake = FakeLlmServer.builder().latency(Duration.ofMillis(20)).start();
    for (int round = 0; round < 5; round++) {
      fake.comeUp();
      fake.downAfter(20);
      List<Integer> statuses = burst(40).stream().map(HttpResponse::statusCode).toList();
      assertThat(statuses).as("round " + round).filteredOn(c -> c == 200).hasSize(20);
      assertThat(statuses).as("round " + round).filteredOn(c -> c == 503).hasSize(20);
    }
    assertThat(fake.stats().completed()).isEqualTo(5 * 20);
  }

  @Test
  void seededErrorRateFailsTheSameRequestsEveryTime() throws Exception {
    List<Integer> first = statuses(FakeLlmServer.builder().errorRate(0.3).seed(7));
    List<Integer> second = statuses(FakeLlmServer.builder().errorRate(0.3).seed(7));
    assertThat(first).isEqualTo(second).contains(500).contains(200);
  }

  private List<Integer> statuses(FakeLlmServer.Builder b) throws Exception {
    fake = b.start();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(chat(prompt("p" + i, false)).statusCode());
    }
    fake.close();
    fake = null;
    return out;
  }

  @Test
  void countsTheMostRequestsInFlightAtOnce() throws Exception {
    fake = FakeLlmServer.builder().latency(Duration.ofMillis(300)).start();
    assertThat(burst(4)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    assertThat(fake.stats().maxConcurrent()).isEqualTo(4);
  }

  @Test
  void listsModelsAndServesControls() throws Exception {
    fake = FakeLlmServer.builder().apiKey("secret").start();
    HttpResponse<String> models =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/models")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Json.tree(models.body()).path("data").get(0).path("id").asText())
        .isEqualTo("fake-model");
    assertThat(chat(prompt("a", false)).statusCode()).as("wrong key").isEqualTo(401);

    String base = "http://127.0.0.1:" + fake.port();
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/fake/down"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(fake.isDown()).isTrue();
    HttpResponse<String> stats =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/fake/stats")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Json.tree(stats.body()).path("requests").asLong()).isEqualTo(1);
    assertThat(Json.tree(stats.body()).path("down").asBoolean()).isTrue();
  }
}
