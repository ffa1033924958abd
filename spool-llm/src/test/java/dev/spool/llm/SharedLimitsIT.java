package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import dev.spool.testkit.llm.FakeLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits hold across three workers on one SQLite store: the fake counts what it receives, and
 * neither its request rate nor its concurrency ever goes past the configured limits, while every
 * run of a bursty batch completes (queued, not failed). A 429 holds the provider for every worker.
 */
class SharedLimitsIT {
  @TempDir Path dir;

  record Job(int n) {}

  static Workflow<Job, String> workflow(Llm llm) {
    var ask = llm.chat("ask");
    return Workflow.of(
        "ask-once",
        Job.class,
        String.class,
        (ctx, job) -> ctx.call(ask, Prompt.of("job " + job.n())).provider());
  }

  static Llm llm(Store store, FakeLlmServer f, ProviderLimits limits) {
    return Llm.builder(store.limits())
        .provider(FakeProviderTest.provider("limited", f).limits(limits))
        .build();
  }

  @Test
  void requestRateAndConcurrencyStayWithinTheLimitsAcrossThreeWorkers() throws Exception {
    // The fake enforces the same limit itself: a request over it would be answered 429.
    try (FakeLlmServer f =
        FakeLlmServer.builder()
            .latency(Duration.ofMillis(150))
            .rateLimit(5, Duration.ofSeconds(1))
            .start()) {
      ProviderLimits limits =
          ProviderLimits.none().requests(5, Duration.ofSeconds(1)).maxConcurrent(2);
      try (Cluster cluster =
          new Cluster(dir.resolve("spool.db"), 3, 10, store -> workflow(llm(store, f, limits)))) {
        // 20 runs at once: more than the two slots, and more than the 5 requests a second.
        List<String> ids = cluster.start("ask-once", 20, i -> "{\"n\":" + i + "}");
        List<RunInfo> runs = cluster.awaitAll(ids, Duration.ofSeconds(60));

        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETED));
        assertThat(f.stats().completed()).isEqualTo(20);
        assertThat(f.stats().throttled()).as("the fake never had to refuse").isZero();
        assertThat(f.maxRequestsIn(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
        assertThat(f.stats().maxConcurrent()).isLessThanOrEqualTo(2);
        // The limits did bind: calls waited, and said why.
        List<Event> waits = cluster.events(ids, LlmEvents.THROTTLED);
        assertThat(waits)
            .extracting(e -> Json.tree(e.data()).path("reason").asText())
            .contains("requests", "concurrency");
      }
    }
  }

  @Test
  void a429HoldsTheProviderForEveryWorkerUntilRetryAfterPassed() throws Exception {
    try (FakeLlmServer f = FakeLlmServer.builder().start()) {
      f.throttleNext(1, Duration.ofMillis(1500));
      try (Cluster cluster =
          new Cluster(
              dir.resolve("spool.db"),
              3,
              4,
              store -> workflow(llm(store, f, ProviderLimits.none())))) {
        List<String> first = cluster.start("ask-once", 1, i -> "{\"n\":0}");
        // Once the first run has been told 429, the hold is in the store.
        waitForEvent(cluster, first.get(0), LlmEvents.THROTTLED);
        Instant refused = f.arrivals().get(0);
        List<String> more = cluster.start("ask-once", 9, i -> "{\"n\":" + (i + 1) + "}");
        List<RunInfo> runs = cluster.awaitAll(more, Duration.ofSeconds(30));
        cluster.awaitAll(first, Duration.ofSeconds(30));

        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETED));
        assertThat(f.stats().throttled()).isEqualTo(1);
        List<Instant> arrivals = f.arrivals();
        assertThat(arrivals).hasSize(11);
        assertThat(arrivals.subList(1, arrivals.size()))
            .as("no worker sent anything before Retry-After passed")
            .allSatisfy(
                t ->
                    assertThat(Duration.between(refused, t))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1500)));
        // The runs that never saw the 429 waited for the hold another worker set.
        assertThat(cluster.events(more, LlmEvents.THROTTLED))
            .extracting(e -> Json.tree(e.data()).path("reason").asText())
            .containsOnly("retry-after")
            .hasSize(9);
      }
    }
  }

  private static void waitForEvent(Cluster cluster, String runId, String type)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (cluster.events(runId).stream().noneMatch(e -> e.type().equals(type))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + type + " in run " + runId);
      }
      Thread.sleep(10);
    }
  }
}
