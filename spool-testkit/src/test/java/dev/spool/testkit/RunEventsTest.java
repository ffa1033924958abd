package dev.spool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.store.NewRun;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEventsTest {
  @TempDir Path dir;

  @Test
  void returnsTheEventsUpToTheNthMatchOrSaysWhyThereAreFewer() throws Exception {
    try (Store store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      String runId =
          store
              .createRun(new NewRun("r1", "w", "1", "{}", Optional.empty(), "default", now))
              .run()
              .runId();

      assertThat(
              RunEvents.await(store, runId, e -> true, 1, Duration.ofSeconds(5)).stream()
                  .map(Event::type))
          .containsExactly(EventTypes.RUN_QUEUED);
      assertThatThrownBy(() -> RunEvents.await(store, runId, e -> true, 2, Duration.ofMillis(200)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("1 of 2 events that match in PT0.2S");

      store.requestCancel(runId, "enough", now);
      assertThatThrownBy(
              () ->
                  RunEvents.await(
                      store,
                      runId,
                      e -> e.type().equals(EventTypes.PROGRESS),
                      1,
                      Duration.ofSeconds(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("run r1 ended with 0 of 1 events that match")
          .hasMessageContaining(EventTypes.RUN_CANCELLED);
    }
  }
}
