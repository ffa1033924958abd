package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.RunInfo;
import dev.spool.store.memory.MemoryRunStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomEventTest {
  record Bad(String type) {}

  static final Component<String, String> TRACED =
      Component.of(
          "traced",
          String.class,
          (ctx, s) -> {
            ctx.event("llm.retry", Map.of("attempt", 1, "provider", "a"));
            for (String bad : List.of("run.fake", "step.x", "Llm.Retry", "nodot", "worker.lost")) {
              try {
                ctx.event(bad, Map.of());
                return "accepted " + bad;
              } catch (IllegalArgumentException expected) {
                // refused, as it should be
              }
            }
            return s;
          });

  static final Workflow<String, String> WF =
      Workflow.of("custom", String.class, String.class, (ctx, s) -> ctx.call(TRACED, s));

  @Test
  void aStepWritesItsOwnTraceEventsAndReservedTypesAreRefused() throws Exception {
    MemoryRunStore store = new MemoryRunStore();
    Spool spool = Spool.builder(store).register(WF).build();
    try (Worker w = Worker.start(spool, 1)) {
      String id = spool.start("custom", "\"ok\"").run().runId();
      spool.follow(id, 0, e -> {});
      RunInfo run = spool.run(id).orElseThrow();
      assertThat(run.result()).contains("\"ok\"");
      Event custom =
          store.readEvents(id, 0, 100).stream()
              .filter(e -> e.type().equals("llm.retry"))
              .findFirst()
              .orElseThrow();
      assertThat(custom.path()).isEqualTo("custom/traced#0");
      assertThat(Json.tree(custom.data()).path("provider").asText()).isEqualTo("a");
    }
  }
}
