package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.examples.common.HttpWeb;
import dev.spool.examples.common.Lazy;
import dev.spool.examples.common.LocalWeb;
import dev.spool.llm.LlmEvents;
import dev.spool.store.RunStore;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.RunEvents;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Onboarding end to end on the embedded SQLite store, over real HTTP: the site served on the local
 * web, two fake providers under a shared rate limit, and the primary going down part-way.
 */
class OnboardingIT {
  private static final String HOST = "northwind-robotics.example";

  @TempDir Path dir;

  @Test
  void anOutageMidRunFailsOverAndEveryPageIsEnrichedOnceUnderTheRateLimit() throws Exception {
    Profile expected =
        ComponentTester.create()
            .run(Offline.onboarding().workflow(), OnboardingRequest.of(HOST))
            .outputOrThrow();
    CompanySite sites = new CompanySite();
    List<String> urls = sites.site(HOST).urls();
    try (Providers fakes = new Providers();
        LocalWeb web = LocalWeb.start(sites);
        Store store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      Onboarding onboarding =
          new Onboarding(
              Lazy.value(
                  Providers.llm(store.limits(), fakes.primary.baseUrl(), fakes.backup.baseUrl())),
              new HttpWeb(() -> web, 16));
      Spool spool = Spool.builder(store).register(onboarding.workflow()).build();
      fakes.primary.downAfter(40);
      try (Worker worker = Worker.start(spool, 1)) {
        String runId =
            spool.start(Onboarding.NAME, Json.write(OnboardingRequest.of(HOST))).run().runId();
        awaitEvent(store, runId, LlmEvents.FAILOVER);
        fakes.primary.comeUp();
        Event end = spool.follow(runId, 0, e -> {});

        assertThat(end.type()).as(end.data()).isEqualTo(EventTypes.RUN_COMPLETED);
        Profile profile =
            Json.read(store.getRun(runId).orElseThrow().result().orElseThrow(), Profile.class);
        assertThat(profile).isEqualTo(expected);
        assertThat(profile.pages())
            .extracting(EnrichedPage::url)
            .containsExactlyInAnyOrderElementsOf(urls);
        assertThat(fakes.extracted.keySet()).containsExactlyInAnyOrderElementsOf(urls);
        assertThat(fakes.extracted.values()).allMatch(n -> n.get() == 1);

        List<Event> events = store.readEvents(runId, 0, 1_000_000);
        List<JsonNode> failovers = data(events, LlmEvents.FAILOVER);
        assertThat(failovers).isNotEmpty();
        assertThat(failovers).allMatch(d -> d.path("from").asText().equals("primary"));
        assertThat(fakes.backup.stats().completed()).isPositive();
        assertThat(fakes.primary.stats().completed())
            .as("the primary, back up, gets calls again once its breaker lets a probe through")
            .isGreaterThan(40);

        for (var fake : List.of(fakes.primary, fakes.backup)) {
          assertThat(fake.stats().throttled()).as("the fake never had to refuse").isZero();
          assertThat(fake.maxRequestsIn(Duration.ofSeconds(Providers.WINDOW_SECONDS)))
              .isLessThanOrEqualTo(Providers.LIMIT);
        }

        List<JsonNode> published =
            data(events, EventTypes.PROGRESS).stream().filter(d -> d.has("page")).toList();
        assertThat(published).hasSize(urls.size());
        assertThat(published).extracting(d -> d.path("done").asInt()).isSorted();
        assertThat(published.getLast().path("profile").path("people").size())
            .isEqualTo(profile.people().size());
      }
    }
  }

  static List<JsonNode> data(List<Event> events, String type) {
    return events.stream()
        .filter(e -> e.type().equals(type))
        .map(e -> Json.tree(e.data()))
        .toList();
  }

  static void awaitEvent(RunStore store, String runId, String type) throws InterruptedException {
    RunEvents.await(store, runId, e -> e.type().equals(type), 1, Duration.ofSeconds(60));
  }
}
