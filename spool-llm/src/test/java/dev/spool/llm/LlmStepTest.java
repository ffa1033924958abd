package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LLM steps alone, through the real engine, with scripted models and a clock the test owns. */
class LlmStepTest {
  final ComponentTester tester = ComponentTester.create();

  Llm llm(LlmProvider... providers) {
    return Llm.builder()
        .providers(java.util.List.of(providers))
        .clock(tester.clock())
        .policy(
            LlmPolicy.defaults()
                .perProvider(dev.spool.RetryPolicy.fixed(3, Duration.ofMillis(200))))
        .build();
  }

  static String data(Event e, String field) {
    return Json.tree(e.data()).path(field).asText();
  }

  @Test
  void aCallIsOneStepWhoseOutputNamesProviderModelUsageAndAttempts() {
    ScriptedModel a = new ScriptedModel("hello there");
    TestRun<Reply> run =
        tester.run(llm(LlmProvider.of("a", "m-a", a)).chat("ask"), Prompt.of("hi"));

    Reply r = run.outputOrThrow();
    assertThat(r.text()).isEqualTo("hello there");
    assertThat(r.provider()).isEqualTo("a");
    assertThat(r.model()).isEqualTo("scripted-1");
    assertThat(r.usage()).isEqualTo(new Usage(7, 3));
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(run.events("step.started").get(0).data()).contains("\"hi\"");
    Event usage = run.events(LlmEvents.USAGE).get(0);
    assertThat(data(usage, "provider")).isEqualTo("a");
    assertThat(Json.tree(usage.data()).path("totalTokens").asLong()).isEqualTo(10);
  }

  @Test
  void outagesAreRetriedWithBackoffThenTheNextProviderAnswers() {
    ScriptedModel a = new ScriptedModel("a").thenFail(3, () -> new InternalServerException("boom"));
    ScriptedModel b = new ScriptedModel("from b");

    TestRun<Reply> run =
        tester.run(
            llm(LlmProvider.of("a", "m", a), LlmProvider.of("b", "m", b)).chat("ask"),
            Prompt.of("hi"));

    Reply r = run.outputOrThrow();
    assertThat(r.provider()).isEqualTo("b");
    assertThat(r.attempts()).isEqualTo(4);
    assertThat(run.events(LlmEvents.RETRY)).hasSize(2);
    assertThat(Json.tree(run.events(LlmEvents.RETRY).get(0).data()).path("delayMs").asLong())
        .isEqualTo(200);
    Event failover = run.events(LlmEvents.FAILOVER).get(0);
    assertThat(data(failover, "from")).isEqualTo("a");
    assertThat(data(failover, "to")).isEqualTo("b");
    assertThat(data(failover, "reason")).isEqualTo("outage");
    assertThat(a.requests).hasSize(3);
  }

  @Test
  void connectionErrorsCountAsOutages() {
    ScriptedModel a =
        new ScriptedModel("a")
            .thenFail(1, () -> new UncheckedIOException(new IOException("Connection refused")));
    TestRun<Reply> run = tester.run(llm(LlmProvider.of("a", "m", a)).chat("ask"), Prompt.of("hi"));
    assertThat(run.outputOrThrow().attempts()).isEqualTo(2);
    assertThat(run.events(LlmEvents.RETRY)).hasSize(1);
  }

  @Test
  void a429WaitsAsTheProviderSaidWithoutUsingUpAnAttempt() {
    ScriptedModel a =
        new ScriptedModel("after the wait")
            .thenFail(
                4,
                () ->
                    new ProviderHttpException(
                        429, "slow down", Optional.of(Duration.ofSeconds(7))));
    var start = tester.clock().now();

    TestRun<Reply> run = tester.run(llm(LlmProvider.of("a", "m", a)).chat("ask"), Prompt.of("hi"));

    assertThat(run.outputOrThrow().text()).isEqualTo("after the wait");
    assertThat(run.events(LlmEvents.RETRY)).isEmpty();
    Event throttled = run.events(LlmEvents.THROTTLED).get(0);
    assertThat(data(throttled, "reason")).isEqualTo("429");
    assertThat(Json.tree(throttled.data()).path("retryAfterMs").asLong()).isEqualTo(7000);
    assertThat(Json.tree(throttled.data()).path("providerSaid").asBoolean()).isTrue();
    assertThat(run.events(LlmEvents.THROTTLED))
        .extracting(e -> data(e, "reason"))
        .contains("retry-after");
    // Four holds of 7 s each were waited out on the test's clock.
    assertThat(Duration.between(start, tester.clock().now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(28));
  }

  @Test
  void aRefusedRequestFailsTheStepWithoutRetryOrFailover() {
    ScriptedModel a = new ScriptedModel("a").thenFail(1, () -> new HttpException(400, "bad"));
    ScriptedModel b = new ScriptedModel("b");
    TestRun<Reply> run =
        tester.run(
            llm(LlmProvider.of("a", "m", a), LlmProvider.of("b", "m", b)).chat("ask"),
            Prompt.of("hi"));
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow()).contains("refused the request");
    assertThat(b.requests).isEmpty();
    assertThat(run.events(LlmEvents.FAILOVER)).isEmpty();
  }

  @Test
  void anUnauthorizedProviderIsLeftAtOnce() {
    ScriptedModel a = new ScriptedModel("a").thenFail(1, () -> new HttpException(401, "key"));
    ScriptedModel b = new ScriptedModel("b");
    TestRun<Reply> run =
        tester.run(
            llm(LlmProvider.of("a", "m", a), LlmProvider.of("b", "m", b)).chat("ask"),
            Prompt.of("hi"));
    assertThat(run.outputOrThrow().provider()).isEqualTo("b");
    assertThat(data(run.events(LlmEvents.FAILOVER).get(0), "reason")).isEqualTo("unusable");
    assertThat(a.requests).hasSize(1);
  }

  @Test
  void whenEveryProviderFailsTheStepFailsNamingThemAll() {
    ScriptedModel a = new ScriptedModel("a").thenFail(9, () -> new InternalServerException("x"));
    ScriptedModel b = new ScriptedModel("b").thenFail(9, () -> new InternalServerException("y"));
    TestRun<Reply> run =
        tester.run(
            llm(LlmProvider.of("a", "m", a), LlmProvider.of("b", "m", b)).chat("ask"),
            Prompt.of("hi"));
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow())
        .contains("LlmUnavailableException")
        .contains("a (outage)")
        .contains("b (outage)");
  }

  record Outline(String title, java.util.List<String> sections) {}

  @Test
  void structuredOutputIsValidatedAndAskedForAgainWithTheError() {
    ScriptedModel a =
        new ScriptedModel("{}")
            .thenAnswer("Sure! Here it is: {title: durable}")
            .thenAnswer("{\"title\":\"Durable agents\"}")
            .thenAnswer(
                "```json\n{\"title\":\"Durable agents\",\"sections\":[\"Why\",\"How\"]}\n```");

    TestRun<Outline> run =
        tester.run(
            llm(LlmProvider.of("a", "m", a)).structured("outline", Outline.class),
            Prompt.of("Outline a post"));

    assertThat(run.outputOrThrow())
        .isEqualTo(new Outline("Durable agents", java.util.List.of("Why", "How")));
    assertThat(run.events(LlmEvents.INVALID_OUTPUT)).hasSize(2);
    assertThat(data(run.events(LlmEvents.INVALID_OUTPUT).get(1), "error")).contains("sections");
    // The retry carried the bad reply and the error back to the model.
    var third = a.requests.get(2).messages();
    assertThat(third.get(third.size() - 1).toString()).contains("sections");
    assertThat(a.requests.get(0).messages().get(0).toString()).contains("\"sections\"");
  }

  @Test
  void structuredOutputGivesUpAfterItsAttempts() {
    ScriptedModel a = new ScriptedModel("not json");
    TestRun<Outline> run =
        tester.run(
            llm(LlmProvider.of("a", "m", a)).structured("outline", Outline.class),
            Prompt.of("Outline"));
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow()).contains("LlmOutputException");
    assertThat(run.events(LlmEvents.INVALID_OUTPUT)).hasSize(3);
  }
}
