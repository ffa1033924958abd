package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RetryPolicy;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import dev.spool.testkit.llm.FakeLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two providers; the first goes fully down part-way through a batch of 30 runs on three workers.
 * Every run completes, the ones after the outage on the second provider, and their traces show the
 * failover.
 */
class FailoverIT {
  static final int RUNS = 30;

  @TempDir Path dir;

  record Job(int n) {}

  record Answers(String first, String second) {}

  static Workflow<Job, Answers> workflow(Store store, FakeLlmServer a, FakeLlmServer b) {
    Llm llm =
        Llm.builder(store.limits())
            .provider(FakeProviderTest.provider("primary", a))
            .provider(FakeProviderTest.provider("backup", b))
            .policy(LlmPolicy.defaults().perProvider(RetryPolicy.fixed(2, Duration.ofMillis(50))))
            .build();
    var ask = llm.chat("ask");
    return Workflow.of(
        "two-questions",
        Job.class,
        Answers.class,
        (ctx, job) ->
            new Answers(
                ctx.call(ask, Prompt.of("question one of job " + job.n())).provider(),
                ctx.call(ask, Prompt.of("question two of job " + job.n())).provider()));
  }

  @Test
  void everyRunCompletesOnTheSecondProviderAfterTheFirstGoesDown() throws Exception {
    try (FakeLlmServer a = FakeLlmServer.builder().latency(Duration.ofMillis(20)).start();
        FakeLlmServer b = FakeLlmServer.builder().latency(Duration.ofMillis(20)).start()) {
      a.downAfter(20); // of the 60 calls, the first 20 reach it; then it is down for good
      try (Cluster cluster =
          new Cluster(dir.resolve("spool.db"), 3, 8, store -> workflow(store, a, b))) {
        List<String> ids = cluster.start("two-questions", RUNS, i -> "{\"n\":" + i + "}");
        List<RunInfo> runs = cluster.awaitAll(ids, Duration.ofSeconds(60));

        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETED));
        assertThat(a.stats().completed()).isEqualTo(20);
        assertThat(a.stats().completed() + b.stats().completed()).isEqualTo(2L * RUNS);
        assertThat(a.isDown()).isTrue();

        List<Event> failovers = cluster.events(ids, LlmEvents.FAILOVER);
        assertThat(failovers).isNotEmpty();
        assertThat(failovers)
            .allSatisfy(
                e -> {
                  assertThat(Json.tree(e.data()).path("from").asText()).isEqualTo("primary");
                  assertThat(Json.tree(e.data()).path("to").asText()).isEqualTo("backup");
                  assertThat(Json.tree(e.data()).path("reason").asText())
                      .isIn("outage", "breaker-open");
                });
        // In each trace, a step that failed over completed with the backup's reply.
        for (Event f : failovers) {
          Event done =
              cluster.events(f.runId()).stream()
                  .filter(e -> e.type().equals(EventTypes.STEP_COMPLETED))
                  .filter(e -> e.path().equals(f.path()))
                  .findFirst()
                  .orElseThrow();
          assertThat(Json.tree(done.data()).path("output").path("provider").asText())
              .isEqualTo("backup");
        }
        Map<String, Long> byProvider =
            runs.stream()
                .map(r -> Json.read(r.result().orElseThrow(), Answers.class))
                .flatMap(x -> java.util.stream.Stream.of(x.first(), x.second()))
                .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        assertThat(byProvider).containsEntry("primary", 20L).containsEntry("backup", 40L);
        // The outage was retried before failing over, and the breaker stopped the hammering.
        assertThat(cluster.events(ids, LlmEvents.RETRY)).isNotEmpty();
        assertThat(cluster.events(ids, LlmEvents.BREAKER))
            .anySatisfy(e -> assertThat(Json.tree(e.data()).path("to").asText()).isEqualTo("OPEN"));
        assertThat(a.stats().failed()).isLessThan(40);
      }
    }
  }
}
