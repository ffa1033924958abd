package dev.spool.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builders for store tests. Every instant is whole milliseconds, the precision every store keeps,
 * so values read back compare equal to the ones written.
 */
public final class StoreFixtures {
  /** A fixed time in the past, so a store that stamps its own wall clock is always later. */
  public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  public static final String DEPLOYMENT = "d1";
  public static final String WORKFLOW = "blog-writer";
  public static final Duration TTL = Duration.ofSeconds(30);

  private StoreFixtures() {}

  /** {@code T0} plus {@code seconds}. */
  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** A run id that sorts after every id built from a smaller {@code n}. */
  public static String runId(int n) {
    return String.format("run-%06d", n);
  }

  public static NewRun newRun(String runId, Instant createdAt) {
    return newRun(runId, WORKFLOW, DEPLOYMENT, createdAt, Optional.empty());
  }

  public static NewRun newRun(
      String runId,
      String workflow,
      String deployment,
      Instant createdAt,
      Optional<String> idempotencyKey) {
    return new NewRun(
        runId,
        workflow,
        "v1",
        "{\"topic\":\"" + runId + "\"}",
        idempotencyKey,
        deployment,
        createdAt);
  }

  public static NewEvent event(String type, Instant ts) {
    return new NewEvent(type, ts, "", 1, "{}");
  }

  public static NewEvent progress(Instant ts, String data) {
    return new NewEvent(EventTypes.PROGRESS, ts, "wf/step#0", 1, data);
  }

  public static Checkpoint checkpoint(String path, int attempt, String value, Instant at) {
    return new Checkpoint(path, attempt, Checkpoint.Kind.COMPLETED, value, at);
  }

  public static ClaimRequest claimAt(String owner, Instant now) {
    return ClaimRequest.next(owner, DEPLOYMENT, now, TTL);
  }

  /** Asserts the run's events are numbered exactly 1..expected. */
  public static void assertGapless(List<Event> events, int expected) {
    assertThat(events).hasSize(expected);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).as("seq at index %d", i).isEqualTo(i + 1L);
    }
  }
}
