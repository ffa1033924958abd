package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.RetryPolicy;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.TestRun;
import dev.spool.testkit.llm.FakeLlmServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LLM steps against the fake OpenAI-compatible server over real HTTP, through LangChain4j. */
class FakeProviderTest {
  final ComponentTester tester = ComponentTester.create();
  final List<FakeLlmServer> fakes = new ArrayList<>();

  @AfterEach
  void stop() {
    fakes.forEach(FakeLlmServer::close);
  }

  FakeLlmServer fake(FakeLlmServer.Builder b) {
    FakeLlmServer f = b.start();
    fakes.add(f);
    return f;
  }

  static LlmProvider provider(String name, FakeLlmServer f) {
    return LlmProvider.openAi(OpenAiEndpoint.of(name, f.baseUrl(), "test-key", "fake-model"));
  }

  static String data(Event e, String field) {
    return Json.tree(e.data()).path(field).asText();
  }

  @Test
  void answersThroughLangChain4jWithUsage() {
    FakeLlmServer f = fake(FakeLlmServer.builder().words(8));
    Llm llm = Llm.builder().provider(provider("fake", f)).build();

    Reply r = tester.run(llm.chat("ask"), Prompt.of("durable agents")).outputOrThrow();

    assertThat(r.text().split(" ")).hasSize(8);
    assertThat(r.provider()).isEqualTo("fake");
    assertThat(r.model()).isEqualTo("fake-model");
    assertThat(r.usage().outputTokens()).isEqualTo(8);
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(f.requests().get(0).lastUserMessage()).isEqualTo("durable agents");
  }

  @Test
  void streamsTokensIntoTheRunsOutputAsTheyArrive() {
    FakeLlmServer f = fake(FakeLlmServer.builder().words(12).tokensPerSecond(400));
    Llm llm = Llm.builder().provider(provider("fake", f)).build();

    TestRun<Reply> run = tester.run(llm.stream("write", "text"), Prompt.of("durable agents"));

    Reply r = run.outputOrThrow();
    assertThat(run.events("output")).hasSize(12);
    assertThat(run.outputText("text")).isEqualTo(r.text());
    assertThat(r.usage().outputTokens()).isEqualTo(12);
    Event usage = run.events(LlmEvents.USAGE).get(0);
    assertThat(Json.tree(usage.data()).path("chunks").asInt()).isEqualTo(12);
    assertThat(Json.tree(usage.data()).path("streamed").asBoolean()).isTrue();
    assertThat(f.requests().get(0).stream()).isTrue();
  }

  @Test
  void a429sRetryAfterIsHonoured() {
    FakeLlmServer f = fake(FakeLlmServer.builder());
    f.throttleNext(1, Duration.ofMillis(800));
    Llm llm = Llm.builder().provider(provider("fake", f)).build();

    TestRun<Reply> run = tester.run(llm.chat("ask"), Prompt.of("x"));

    assertThat(run.outputOrThrow().attempts()).isEqualTo(2);
    List<Instant> at = f.arrivals();
    assertThat(at).hasSize(2);
    assertThat(Duration.between(at.get(0), at.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(800));
    Event throttled = run.events(LlmEvents.THROTTLED).get(0);
    assertThat(Json.tree(throttled.data()).path("retryAfterMs").asLong()).isEqualTo(800);
    assertThat(Json.tree(throttled.data()).path("providerSaid").asBoolean()).isTrue();
  }

  @Test
  void theBreakerOpensOnOutagesSkipsTheProviderThenProbesItHalfOpen() throws Exception {
    FakeLlmServer a = fake(FakeLlmServer.builder());
    FakeLlmServer b = fake(FakeLlmServer.builder());
    a.goDown();
    Llm llm =
        Llm.builder()
            .provider(provider("a", a))
            .provider(provider("b", b))
            .policy(
                LlmPolicy.defaults()
                    .perProvider(RetryPolicy.none())
                    .breaker(new BreakerPolicy(50, 2, 2, Duration.ofMillis(400), 1)))
            .build();

    TestRun<Reply> first = tester.run(llm.chat("ask"), Prompt.of("1"));
    TestRun<Reply> second = tester.run(llm.chat("ask"), Prompt.of("2"));
    TestRun<Reply> third = tester.run(llm.chat("ask"), Prompt.of("3"));

    assertThat(first.outputOrThrow().provider()).isEqualTo("b");
    assertThat(first.events(LlmEvents.BREAKER)).isEmpty();
    Event opened = second.events(LlmEvents.BREAKER).get(0);
    assertThat(data(opened, "provider")).isEqualTo("a");
    assertThat(data(opened, "from")).isEqualTo("CLOSED");
    assertThat(data(opened, "to")).isEqualTo("OPEN");
    assertThat(data(third.events(LlmEvents.FAILOVER).get(0), "reason")).isEqualTo("breaker-open");
    assertThat(third.outputOrThrow().provider()).isEqualTo("b");
    assertThat(a.stats().requests()).as("an open breaker sends nothing").isEqualTo(2);

    a.comeUp();
    Thread.sleep(450);
    TestRun<Reply> probe = tester.run(llm.chat("ask"), Prompt.of("4"));

    assertThat(probe.outputOrThrow().provider()).isEqualTo("a");
    assertThat(probe.events(LlmEvents.BREAKER))
        .extracting(e -> data(e, "from") + ">" + data(e, "to"))
        .containsExactly("OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
  }

  record Verdict(String label, int score) {}

  @Test
  void structuredOutputRetriesOnInvalidJsonFromTheProvider() {
    AtomicInteger n = new AtomicInteger();
    FakeLlmServer f =
        fake(
            FakeLlmServer.builder()
                .respond(
                    req ->
                        n.incrementAndGet() == 1
                            ? "{\"label\": \"good\", \"score\": \"high\"}"
                            : "{\"label\": \"good\", \"score\": 9}"));
    Llm llm = Llm.builder().provider(provider("fake", f)).build();

    TestRun<Verdict> run = tester.run(llm.structured("judge", Verdict.class), Prompt.of("judge"));

    assertThat(run.outputOrThrow()).isEqualTo(new Verdict("good", 9));
    assertThat(run.events(LlmEvents.INVALID_OUTPUT)).hasSize(1);
    assertThat(f.requests()).hasSize(2);
    assertThat(f.requests().get(0).json()).isTrue();
    assertThat(f.requests().get(1).lastUserMessage()).contains("score");
  }
}
