package dev.spool.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Component;
import dev.spool.llm.Prompt;
import dev.spool.llm.Reply;
import dev.spool.store.memory.MemoryLimits;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.llm.FakeLlmServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleLlmTest {
  private static final OfflineModel ECHO =
      (system, user) -> "[" + system + "] " + user.toUpperCase();

  @Test
  void withoutSpoolLlmVariablesItStartsTheOfflineFakesAndTheyAnswerWithTheOfflineModel() {
    try (ExampleLlm where =
        ExampleLlm.start(
            Map.of(),
            () ->
                List.of(
                    ExampleLlm.OfflineProvider.of(
                        "offline",
                        FakeLlmServer.builder().respond(OfflineModels.responder(ECHO)))))) {
      assertThat(where.fakes()).hasSize(1);
      assertThat(where.providers()).extracting(p -> p.name()).containsExactly("offline");
      assertThat(where.describe()).startsWith("offline fake provider offline http://127.0.0.1:");
      assertThat(where.fake("offline")).contains(where.fakes().get(0));

      Component<Prompt, Reply> chat = where.llm(new MemoryLimits()).chat("ask");
      Reply r =
          ComponentTester.create()
              .run(chat, Prompt.of("durable agents").withSystem("be brief"))
              .outputOrThrow();
      assertThat(r.text()).isEqualTo("[be brief] DURABLE AGENTS");
      assertThat(r.provider()).isEqualTo("offline");
      assertThat(where.fakes().get(0).stats().completed()).isEqualTo(1);
    }
  }

  @Test
  void withSpoolLlmVariablesItUsesThoseProvidersAndStartsNothing() {
    Map<String, String> env =
        Map.of(
            "SPOOL_LLM_BASE_URL", "https://llm.example/v1",
            "SPOOL_LLM_API_KEY", "k",
            "SPOOL_LLM_MODEL", "model-1");
    assertThat(ExampleLlm.configured(env)).isTrue();
    try (ExampleLlm where =
        ExampleLlm.start(
            env,
            () -> {
              throw new AssertionError("no offline provider when one is configured");
            })) {
      assertThat(where.fakes()).isEmpty();
      assertThat(where.providers()).extracting(p -> p.model()).containsExactly("model-1");
      assertThat(where.describe()).isEqualTo("providers from SPOOL_LLM_*: primary (model-1)");
    }
  }

  @Test
  void aWrongConfigurationNamesTheMissingVariable() {
    Map<String, String> env = Map.of("SPOOL_LLM_BASE_URL", "https://llm.example/v1");
    assertThatThrownBy(() -> ExampleLlm.start(env, List::of))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SPOOL_LLM_MODEL");
    assertThat(ExampleLlm.configured(Map.of("SPOOL_LLM_BASE_URL", " "))).isFalse();
  }

  @Test
  void theInProcessProviderStreamsWordByWord() {
    Component<Prompt, Reply> stream =
        dev.spool.llm.Llm.builder()
            .provider(OfflineModels.inProcess("offline", ECHO))
            .build()
            .stream("say", "text");
    var run = ComponentTester.create().run(stream, Prompt.of("one two three"));

    assertThat(run.outputOrThrow().text()).isEqualTo("[] ONE TWO THREE");
    assertThat(run.events("output")).hasSize(4);
    assertThat(run.outputText("text")).isEqualTo("[] ONE TWO THREE");
  }
}
