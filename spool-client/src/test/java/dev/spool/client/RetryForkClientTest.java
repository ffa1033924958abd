package dev.spool.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.BulkResult;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RunFilter;
import dev.spool.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryForkClientTest {
  @TempDir Path dir;
  Harness h;
  SpoolClient client;

  @BeforeEach
  void start() {
    h = new Harness(dir);
    client = h.client();
  }

  @AfterEach
  void stop() {
    client.close();
    h.close();
  }

  @Test
  void aRetriedRunIsFollowedPastItsEarlierTerminalEventToItsEnd() {
    String id = client.start("approval", "{\"subject\":\"launch\"}").runId();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (client.run(id).status() != RunStatus.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    client.cancel(id);
    assertThat(client.awaitResult(id, Duration.ofSeconds(20)).orElseThrow().status())
        .isEqualTo(RunStatus.CANCELLED);
    BulkResult none = client.retryAll(RunFilter.all().status(RunStatus.COMPLETED), "");
    assertThat(none.count()).isZero();

    RetryReceipt r = client.retry(id, "again");

    assertThat(r.runId()).isEqualTo(id);
    client.signal(id, "approve", "{\"approved\":true,\"comment\":\"ok\"}");
    List<String> types = new ArrayList<>();
    Event end = client.follow(id, 0, e -> types.add(e.type()));
    assertThat(end.type()).isEqualTo(EventTypes.RUN_COMPLETED);
    assertThat(types).containsSubsequence(EventTypes.RUN_CANCELLED, EventTypes.RUN_RETRIED);
    assertThatThrownBy(() -> client.retry(id))
        .isInstanceOfSatisfying(
            SpoolClientException.class, e -> assertThat(e.status()).hasValue(409));
  }

  @Test
  void aForkRunsFromItsStep() {
    String id = client.start("steps", "{\"steps\":3}").runId();
    client.awaitResult(id, Duration.ofSeconds(20)).orElseThrow();

    ForkedRun fork = client.fork(id, "steps/step#1", Optional.of("{\"steps\":4}"));

    assertThat(fork.forkedFrom()).isEqualTo(id);
    RunResult result = client.awaitResult(fork.runId(), Duration.ofSeconds(20)).orElseThrow();
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(h.stored(fork.runId()))
        .filteredOn(e -> e.type().equals(EventTypes.STEP_STARTED))
        .extracting(Event::path)
        .doesNotContain("steps/step#0")
        .hasSize(3);
    BulkResult cancelled = client.cancelAll(RunFilter.all().workflow("steps"), "");
    assertThat(cancelled.matched()).isEqualTo(2);
    assertThat(cancelled.count()).isZero();
  }
}
