package dev.spool.internal.engine;

import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.internal.Payload;
import dev.spool.store.Checkpoint;
import dev.spool.store.Checkpoint.Kind;
import dev.spool.store.Commit;
import dev.spool.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable sleep and recorded time. */
final class Timers {
  private Timers() {}

  /**
   * Records the wake time once, then waits for it. A long wait on the run's main thread releases
   * the worker: the run turns {@code waiting} and is claimed again at the wake time.
   */
  static void sleep(Scope parent, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("sleep duration must not be negative: " + duration);
    }
    RunServices run = parent.run();
    run.interruptions().checkCancelledAt(parent);
    int index = parent.calls().getAndIncrement();
    run.replay().checkSlot(parent.path(), index, "sleep");
    String path = parent.path() + "/sleep#" + index;
    String wakePath = path + "/wake";
    if (run.replay().completed(wakePath).isPresent()) {
      return;
    }
    Instant wakeAt;
    Optional<Checkpoint> scheduled = run.replay().completed(path);
    if (scheduled.isPresent()) {
      wakeAt = Instant.parse(Json.tree(scheduled.get().value()).path("wakeAt").asText());
    } else {
      Instant now = run.clock().now();
      wakeAt = now.plus(duration);
      String value = Payload.obj().str("wakeAt", wakeAt.toString()).build();
      run.writer()
          .commit(
              Commit.of(
                  new Checkpoint(path, 1, Kind.COMPLETED, value, now),
                  run.event(
                      EventTypes.STEP_STARTED,
                      path,
                      1,
                      Payload.obj()
                          .str("component", "sleep")
                          .num("durationMs", duration.toMillis())
                          .str("until", wakeAt.toString())
                          .build())));
    }
    Duration remaining = Duration.between(run.clock().now(), wakeAt);
    if (remaining.compareTo(run.suspendAfter()) > 0 && run.interruptions().canSuspend()) {
      run.writer()
          .commit(
              new Commit(
                  List.of(
                      run.event(
                          EventTypes.RUN_WAITING,
                          path,
                          1,
                          Payload.obj()
                              .str("reason", "sleep")
                              .str("until", wakeAt.toString())
                              .build())),
                  List.of(),
                  Optional.of(Transition.waitingUntil(wakeAt))));
      throw new Halt.Suspended("run " + run.runId() + " sleeps until " + wakeAt);
    }
    run.interruptions().pause(remaining);
    run.writer()
        .appendCheckpoint(
            new Checkpoint(wakePath, 1, Kind.COMPLETED, "{}", run.clock().now()),
            run.event(
                EventTypes.STEP_COMPLETED,
                path,
                1,
                Payload.obj()
                    .str("component", "sleep")
                    .num("durationMs", duration.toMillis())
                    .raw("output", "null")
                    .build()));
  }

  /** The first execution's clock reading, replayed after. */
  static Instant now(Scope parent) {
    RunServices run = parent.run();
    int index = parent.calls().getAndIncrement();
    run.replay().checkSlot(parent.path(), index, "now");
    String path = parent.path() + "/now#" + index;
    Optional<Checkpoint> recorded = run.replay().completed(path);
    if (recorded.isPresent()) {
      return Instant.parse(Json.tree(recorded.get().value()).asText());
    }
    Instant now = run.clock().now();
    // Queued, not awaited: any later durable write commits after it, so nothing can depend on a
    // reading that was lost.
    run.writer()
        .appendCheckpoint(new Checkpoint(path, 1, Kind.COMPLETED, Json.quote(now.toString()), now));
    return now;
  }
}
