package dev.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.Checkpoint;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import dev.spool.store.Transition;
import dev.spool.store.memory.MemoryRunStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The recorded history of a run, read from a store, and its JSON form. */
class RunHistoryTest {
  final Instant t0 = Instant.parse("2026-12-03T10:00:00Z");
  final MemoryRunStore store = new MemoryRunStore();
  final Spool spool = Spool.builder(store).register(CountedInput.WORKFLOW).build();

  @Test
  void aFinishedRunReadsBackFromItsJsonFieldForField() {
    String runId = spool.start("counted", "{\"text\":\"a\"}").run().runId();
    Lease lease =
        store
            .claim(ClaimRequest.next("w", "default", t0, Duration.ofMinutes(1)).onlyRun(runId))
            .orElseThrow()
            .lease();
    NewEvent done = new NewEvent(EventTypes.STEP_COMPLETED, t0, "counted/x#0", 1, "{}");
    store.commit(
        lease,
        Commit.of(new Checkpoint("counted/x#0", 1, Checkpoint.Kind.COMPLETED, "null", t0), done));
    store.commit(
        lease,
        Commit.of(
            Transition.completed("{\"n\":[1,2]}"),
            new NewEvent(EventTypes.RUN_COMPLETED, t0, "", 1, "{}")));

    RunHistory history = RunHistory.read(store, runId).orElseThrow();
    RunHistory again = RunHistory.fromJson(history.toJson());

    assertThat(again.toJson())
        .isEqualTo(history.toJson())
        .startsWith("{\"format\":\"spool.run-history/1\"");
    assertThat(again.run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(again.run().input()).isEqualTo("{\"text\":\"a\"}");
    assertThat(again.run().result()).hasValue("{\"n\":[1,2]}");
    assertThat(again.events()).isEqualTo(history.events()).hasSize(3);
    assertThat(again.checkpoints()).isEqualTo(history.checkpoints());
    assertThat(again.checkpoints().getFirst().value()).isEqualTo("null");
  }

  @Test
  void anUnknownRunHasNoHistory() {
    assertThat(RunHistory.read(store, "r-nope")).isEmpty();
  }

  @Test
  void jsonThatIsNotAHistorySaysWhy() {
    assertThatThrownBy(() -> RunHistory.fromJson("[1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a run history");
    assertThatThrownBy(() -> RunHistory.fromJson("{\"runId\":\"r1\"}"))
        .hasMessageContaining("it has no \"format\"");
    assertThatThrownBy(() -> RunHistory.fromJson("{\"format\":\"spool.run-history/2\"}"))
        .hasMessageContaining("its format is spool.run-history/2");
    assertThatThrownBy(() -> RunHistory.fromJson("{\"format\":\"spool.run-history/1\"}"))
        .hasMessageContaining("lacks \"run\"");
  }
}
