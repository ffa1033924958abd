package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.testkit.ChildJvm;
import dev.spool.testkit.RunEvents;
import dev.spool.testkit.llm.FakeLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process is killed with SIGKILL while an LLM step streams; another process resumes the
 * run, the step asks again and gets a different answer. The stream marks the first answer's chunks
 * superseded, so the text a client assembles from the whole stream equals the run's result.
 */
class KillMidStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aRunKilledMidStreamResumesAndTheAssembledOutputEqualsTheResult() throws Exception {
    try (FakeLlmServer fake =
        FakeLlmServer.builder()
            .tokensPerSecond(25)
            .respond(
                req ->
                    "Answer number "
                        + req.number()
                        + ": "
                        + "durable agents resume where they stopped ".repeat(8).strip())
            .start()) {
      Path db = dir.resolve("spool.db");
      String runId;
      try (ChildJvm first = child(db, fake, "start")) {
        runId = first.awaitLine(WAIT);
        try (Store store = SqliteRunStore.open(db)) {
          RunEvents.await(store, runId, e -> e.type().equals(EventTypes.OUTPUT), 8, WAIT);
          first.kill9();
          assertThat(store.getRun(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
      }

      try (ChildJvm second = child(db, fake, "resume", runId)) {
        assertThat(second.awaitExit(WAIT)).as("resumed child's exit").isZero();
      }

      try (Store store = SqliteRunStore.open(db)) {
        RunInfo done = store.getRun(runId).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        Reply reply = Json.read(done.result().orElseThrow(), Reply.class);
        assertThat(reply.text()).startsWith("Answer number 2:");

        List<Event> events = store.readEvents(runId, 0, 100_000);
        String assembled = new OutputAssembler().acceptAll(events).text("text");
        assertThat(assembled).isEqualTo(reply.text());

        List<Event> superseded =
            events.stream().filter(e -> e.type().equals(EventTypes.OUTPUT_SUPERSEDED)).toList();
        assertThat(superseded).hasSize(1);
        assertThat(superseded.get(0).path()).isEqualTo("story/write#0");
        assertThat(Json.tree(superseded.get(0).data()).path("reason").asText())
            .isEqualTo("resumed");
        StringBuilder naive = new StringBuilder();
        events.stream()
            .filter(e -> e.type().equals(EventTypes.OUTPUT))
            .forEach(e -> naive.append(Json.tree(e.data()).path("chunk").asText()));
        assertThat(naive.toString())
            .as("the killed attempt's chunks are in the stream, marked void")
            .startsWith("Answer number 1:")
            .isNotEqualTo(reply.text());
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).seq()).isEqualTo(i + 1);
        }
      }
    }
  }

  private static ChildJvm child(Path db, FakeLlmServer fake, String mode, String... more) {
    return ChildJvm.builder(StreamChild.class, Path.of(db + ".child.log"))
        .args(mode, db.toString(), fake.baseUrl())
        .args(more)
        .start();
  }
}
