package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.llm.LlmEvents;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import dev.spool.testkit.ChildJvm;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes on one Redis enrich three company sites at once. Every LLM call goes
 * through limits kept in Redis, so the three workers together stay under what the fake providers
 * allow (they never have to refuse one); the primary goes down part-way and calls fail over to the
 * backup. Every page of every site ends up in its profile exactly once, and was extracted once.
 */
class OnboardingRedisIT {
  private static final List<String> HOSTS =
      List.of("northwind-robotics.example", "blue-harbor-health.example", "acme.example");

  @TempDir Path dir;

  @Test
  void threeWorkersOnRedisShareOneRateLimitAndEnrichEveryPageOnce() throws Exception {
    List<ChildJvm> workers = new ArrayList<>();
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
        Providers fakes = new Providers()) {
      for (int i = 0; i < 3; i++) {
        workers.add(worker(redis.uri(), fakes, i));
      }
      for (ChildJvm w : workers) {
        assertThat(w.awaitLine(Duration.ofSeconds(30)))
            .as("the worker started")
            .startsWith("ready ");
      }
      try (Store store = RunStores.open(redis.uri(), false)) {
        Spool spool = Spool.builder(store).register(Offline.onboarding().workflow()).build();
        fakes.primary.downAfter(150);
        List<String> ids = new ArrayList<>();
        for (String host : HOSTS) {
          ids.add(
              spool.start(Onboarding.NAME, Json.write(OnboardingRequest.of(host))).run().runId());
        }
        OnboardingIT.awaitEvent(store, ids.get(0), LlmEvents.FAILOVER);
        fakes.primary.comeUp();

        Set<String> executedBy = new HashSet<>();
        Set<String> allPages = new HashSet<>();
        for (int i = 0; i < HOSTS.size(); i++) {
          RunInfo run = awaitEnd(store, ids.get(i));
          assertThat(run.status()).as(run.error().orElse("")).isEqualTo(RunStatus.COMPLETED);
          Profile profile = Json.read(run.result().orElseThrow(), Profile.class);
          Profile expected =
              ComponentTester.create()
                  .run(Offline.onboarding().workflow(), OnboardingRequest.of(HOSTS.get(i)))
                  .outputOrThrow();
          assertThat(profile).isEqualTo(expected);
          List<String> urls = Offline.SITES.site(HOSTS.get(i)).urls();
          assertThat(profile.pages())
              .extracting(EnrichedPage::url)
              .doesNotHaveDuplicates()
              .containsExactlyInAnyOrderElementsOf(urls);
          allPages.addAll(urls);
          List<Event> events = store.readEvents(run.runId(), 0, 1_000_000);
          events.stream()
              .filter(e -> e.type().equals(EventTypes.RUN_STARTED))
              .forEach(e -> executedBy.add(Json.tree(e.data()).path("worker").asText()));
        }
        assertThat(executedBy).as("each run on a worker of its own").hasSize(3);

        assertThat(fakes.extracted.keySet()).containsExactlyInAnyOrderElementsOf(allPages);
        assertThat(fakes.extracted.values()).allMatch(n -> n.get() == 1);
        List<Event> all = new ArrayList<>();
        ids.forEach(id -> all.addAll(store.readEvents(id, 0, 1_000_000)));
        assertThat(all).extracting(Event::type).contains(LlmEvents.FAILOVER);
        for (var fake : List.of(fakes.primary, fakes.backup)) {
          assertThat(fake.stats().throttled())
              .as("three workers together never sent more than the provider allows")
              .isZero();
        }
        assertThat(all)
            .filteredOn(e -> e.type().equals(LlmEvents.THROTTLED))
            .extracting(e -> Json.tree(e.data()).path("reason").asText())
            .as("the shared limit made calls wait")
            .contains("requests");
        assertThat(fakes.primary.stats().requests() + fakes.backup.stats().requests())
            .isGreaterThan(2L * Providers.LIMIT);
      }
    } finally {
      workers.forEach(ChildJvm::close);
    }
  }

  private ChildJvm worker(String storeUri, Providers fakes, int n) {
    return ChildJvm.builder(OnboardingChild.class, dir.resolve("worker-" + n + ".log"))
        .jvmOptions("-XX:+UseSerialGC", "-Xmx256m")
        .args(storeUri, fakes.primary.baseUrl(), fakes.backup.baseUrl())
        .start();
  }

  private static RunInfo awaitEnd(RunStore store, String runId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      RunInfo run = store.getRun(runId).orElseThrow();
      if (run.status().isTerminal()) {
        return run;
      }
      assertThat(System.nanoTime())
          .as("run " + runId + " ends within two minutes")
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
