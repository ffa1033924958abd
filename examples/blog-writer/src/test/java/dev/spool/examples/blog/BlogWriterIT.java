package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import dev.spool.RunStatus;
import dev.spool.examples.common.OfflineModels;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.testkit.ChildJvm;
import dev.spool.testkit.ComponentTester;
import dev.spool.testkit.RunEvents;
import dev.spool.testkit.llm.FakeLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blog writer end to end on the embedded SQLite store: a worker process is killed with SIGKILL
 * while the sections stream, another process resumes the run, and the post is the one an
 * uninterrupted run writes. Steps that had finished are not asked of the model again.
 */
class BlogWriterIT {
  @TempDir Path dir;

  /** Served requests by task (the system prompt says which). */
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

  private String task(String system) {
    for (var t :
        Map.of(
                "plan", Prompts.PLAN,
                "outline", Prompts.OUTLINE,
                "section", Prompts.SECTION,
                "edit", Prompts.EDIT)
            .entrySet()) {
      if (system.startsWith(t.getValue())) {
        return t.getKey();
      }
    }
    return "other";
  }

  private int served(String task) {
    return served.getOrDefault(task, new AtomicInteger()).get();
  }

  @Test
  void aWorkerKilledWhileSectionsStreamIsResumedElsewhereAndWritesTheSamePost() throws Exception {
    String expected =
        ComponentTester.create()
            .run(Offline.writer().workflow(), BlogRequest.of(BlogChild.TOPIC))
            .outputOrThrow();
    OfflineWriter model = new OfflineWriter();
    try (FakeLlmServer fake =
        FakeLlmServer.builder()
            .tokensPerSecond(150)
            .respond(
                OfflineModels.responder(
                    (system, user) -> {
                      served
                          .computeIfAbsent(task(system), k -> new AtomicInteger())
                          .incrementAndGet();
                      return model.reply(system, user);
                    }))
            .start()) {
      Path db = dir.resolve("spool.db");
      String runId;
      try (ChildJvm first = child(db, fake, "start")) {
        runId = first.awaitLine(Duration.ofSeconds(30));
        try (Store store = SqliteRunStore.open(db)) {
          RunEvents.await(store, runId, BlogWriterIT::isSectionChunk, 10, Duration.ofSeconds(60));
          first.kill9();
          assertThat(store.getRun(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
      }
      assertThat(served("plan")).isEqualTo(1);
      assertThat(served("outline")).isEqualTo(1);
      assertThat(served("edit")).isZero();
      int sectionsBefore = served("section");
      long sectionsDone;
      try (Store store = SqliteRunStore.open(db)) {
        sectionsDone =
            store.readEvents(runId, 0, 1_000_000).stream()
                .filter(e -> e.type().equals(EventTypes.STEP_COMPLETED))
                .filter(e -> e.path().matches(".*/write-section#\\d+/llm#0"))
                .count();
      }
      assertThat(sectionsDone).as("the kill came while sections streamed").isLessThan(4);

      try (ChildJvm second = child(db, fake, "resume", runId)) {
        assertThat(second.awaitExit(Duration.ofSeconds(90)))
            .as("the resumed worker's exit")
            .isZero();
      }

      try (Store store = SqliteRunStore.open(db)) {
        RunInfo done = store.getRun(runId).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        String post = Json.read(done.result().orElseThrow(), String.class);
        assertThat(post).isEqualTo(expected);

        List<Event> events = store.readEvents(runId, 0, 1_000_000);
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).seq()).isEqualTo(i + 1);
        }
        assertThat(events).extracting(Event::type).contains(EventTypes.RUN_RESUMED);
        OutputAssembler out = new OutputAssembler().acceptAll(events);
        assertThat(out.text(BlogWriter.POST)).isEqualTo(post);
        for (int i = 1; i <= 4; i++) {
          assertThat(post).contains(out.text("section-" + i));
        }
        long superseded =
            events.stream()
                .filter(e -> e.type().equals(EventTypes.OUTPUT_SUPERSEDED))
                .filter(e -> e.path().matches(".*/write-section#\\d+/llm#0"))
                .count();
        assertThat(superseded)
            .as("sections cut off mid-stream start over")
            .isBetween(1L, 4 - sectionsDone);

        // Finished steps come from their checkpoints: only the unfinished sections are asked again.
        assertThat(served("plan")).isEqualTo(1);
        assertThat(served("outline")).isEqualTo(1);
        assertThat(served("section")).isEqualTo(sectionsBefore + 4 - (int) sectionsDone);
        assertThat(served("edit")).isEqualTo(1);
      }
    }
  }

  private static boolean isSectionChunk(Event e) {
    return e.type().equals(EventTypes.OUTPUT)
        && Json.tree(e.data()).path("stream").asText().startsWith("section-");
  }

  private static ChildJvm child(Path db, FakeLlmServer fake, String mode, String... more) {
    return ChildJvm.builder(BlogChild.class, Path.of(db + ".child.log"))
        .jvmOptions("-XX:+UseSerialGC")
        .args(mode, db.toString(), fake.baseUrl())
        .args(more)
        .start();
  }
}
