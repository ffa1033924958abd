package dev.spool.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.EventTypes;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/runs/{id}/history} through the client, against a real server and store. */
class HistoryTest {
  @TempDir Path dir;
  Harness h;
  SpoolClient client;

  @BeforeEach
  void start() {
    h = new Harness(dir);
    client = h.client();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void aFinishedRunsHistoryIsWhatTheStoreHolds() {
    String runId = client.start("steps", "{\"steps\":3}").runId();
    client.awaitResult(runId, Duration.ofSeconds(30)).orElseThrow();

    RunHistory history = client.history(runId);

    assertThat(history.toJson()).isEqualTo(RunHistory.read(h.store, runId).orElseThrow().toJson());
    assertThat(history.run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(history.run().workflow()).isEqualTo("steps");
    assertThat(history.events().getLast().type()).isEqualTo(EventTypes.RUN_COMPLETED);
    assertThat(history.checkpoints())
        .extracting(Checkpoint::path)
        .containsExactly("steps/step#0", "steps/step#1", "steps/step#2");
  }

  @Test
  void anUnknownRunIsA404Problem() {
    assertThatThrownBy(() -> client.history("r-nope"))
        .isInstanceOfSatisfying(
            SpoolClientException.class,
            e -> {
              assertThat(e.status()).hasValue(404);
              assertThat(e.getMessage()).contains("r-nope");
            });
  }
}
