package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.internal.Payload;
import dev.spool.store.Checkpoint;
import dev.spool.store.Checkpoint.Kind;
import dev.spool.store.Commit;
import dev.spool.store.Transition;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable {@code awaitSignal}: the deadline is recorded once ({@code signal#k/deadline}), the
 * signal taken is recorded with its sequence number ({@code signal#k}), so replays return the same
 * value and later waits never take it again.
 */
final class Signals {
  /** The resume time of a wait without a timeout. */
  static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

  /** How often a wait reads the stream even without news from the worker's control poll. */
  private static final long RECHECK_MILLIS = 1000;

  private Signals() {}

  static Optional<Object> await(Scope parent, String name, Type type, Optional<Duration> timeout) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a signal name must not be blank");
    }
    timeout.ifPresent(
        t -> {
          if (t.isNegative()) {
            throw new IllegalArgumentException("signal timeout must not be negative: " + t);
          }
        });
    RunServices run = parent.run();
    run.interruptions().checkCancelledAt(parent);
    int index = parent.calls().getAndIncrement();
    run.replay().checkSlot(parent.path(), index, "signal");
    String path = parent.path() + "/signal#" + index;
    Optional<Checkpoint> done = run.replay().completed(path);
    if (done.isPresent()) {
      return decode(run, done.get(), type, path);
    }
    Instant deadline = deadline(run, path, name, timeout);
    SignalInbox inbox = run.signals();
    while (true) {
      run.interruptions().checkCancelledAt(parent);
      Optional<Event> got = inbox.take(name);
      if (got.isPresent()) {
        Event e = got.get();
        String value = Json.tree(e.data()).path("value").toString();
        record(run, path, name, Payload.obj().num("signalSeq", e.seq()).raw("value", value), value);
        return Optional.ofNullable(Replay.decode(value, type, path));
      }
      Instant now = run.clock().now();
      if (!now.isBefore(deadline)) {
        record(run, path, name, Payload.obj().bool("timedOut", true), "null");
        return Optional.empty();
      }
      Duration left = Duration.between(now, deadline);
      if (left.compareTo(run.suspendAfter()) > 0 && run.interruptions().canSuspend()) {
        suspend(run, path, name, deadline, inbox.readUpTo());
      }
      try {
        inbox.await(Math.min(RECHECK_MILLIS, Math.max(1, left.toMillis())));
      } catch (InterruptedException e) {
        run.interruptions().interrupted();
      }
    }
  }

  private static Instant deadline(
      RunServices run, String path, String name, Optional<Duration> timeout) {
    String deadlinePath = path + "/deadline";
    Optional<Checkpoint> recorded = run.replay().completed(deadlinePath);
    if (recorded.isPresent()) {
      return Instant.parse(Json.tree(recorded.get().value()).path("until").asText());
    }
    Instant now = run.clock().now();
    Instant until = timeout.map(now::plus).orElse(NEVER);
    Payload started = Payload.obj().str("component", "signal").str("name", name);
    timeout.ifPresent(t -> started.str("until", until.toString()));
    run.writer()
        .commit(
            Commit.of(
                new Checkpoint(
                    deadlinePath,
                    1,
                    Kind.COMPLETED,
                    Payload.obj().str("until", until.toString()).build(),
                    now),
                run.event(EventTypes.STEP_STARTED, path, 1, started.build())));
    return until;
  }

  private static void suspend(
      RunServices run, String path, String name, Instant deadline, long seen) {
    Payload data = Payload.obj().str("reason", "signal").str("name", name);
    if (!deadline.equals(NEVER)) {
      data.str("until", deadline.toString());
    }
    run.writer()
        .commit(
            new Commit(
                List.of(run.event(EventTypes.RUN_WAITING, path, 1, data.build())),
                List.of(),
                Optional.of(Transition.waitingForSignal(deadline, seen))));
    throw new Halt.Suspended("run " + run.runId() + " waits for signal " + name);
  }

  private static void record(
      RunServices run, String path, String name, Payload checkpoint, String output) {
    run.writer()
        .commit(
            Commit.of(
                new Checkpoint(path, 1, Kind.COMPLETED, checkpoint.build(), run.clock().now()),
                run.event(
                    EventTypes.STEP_COMPLETED,
                    path,
                    1,
                    Payload.obj()
                        .str("component", "signal")
                        .str("name", name)
                        .raw("output", output)
                        .build())));
  }

  private static Optional<Object> decode(RunServices run, Checkpoint cp, Type type, String path) {
    var node = Json.tree(cp.value());
    if (node.path("timedOut").asBoolean(false)) {
      return Optional.empty();
    }
    return Optional.ofNullable(Replay.decode(node.path("value").toString(), type, path));
  }
}
