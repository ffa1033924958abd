package dev.spool.store.redis.internal;

import dev.spool.Event;
import dev.spool.store.Checkpoint;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
import dev.spool.store.RetryResult;
import dev.spool.store.RunControl;
import dev.spool.store.RunInfo;
import dev.spool.store.RunRules;
import dev.spool.store.SignalResult;
import dev.spool.store.StoreEvents;
import dev.spool.store.StoreException;
import dev.spool.store.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes from outside a lease (the reaper, cancel, signals) and the reads that go with them. Each
 * write reads the run, builds the events with {@link StoreEvents} (so every store writes the same
 * payloads), and applies them in one script only if the run is still as it was read; if it changed
 * in between, it reads again.
 */
public final class Controls {
  private static final int ATTEMPTS = 20;

  private final Redis redis;
  private final Runs runs;
  private final Function<String, List<Checkpoint>> checkpoints;

  public Controls(Redis redis, Runs runs, Function<String, List<Checkpoint>> checkpoints) {
    this.redis = redis;
    this.runs = runs;
    this.checkpoints = checkpoints;
  }

  public Optional<RunInfo> recoverExpired(String runId, Instant now, int maxRecoveries) {
    return recover(runId, Optional.empty(), now, maxRecoveries);
  }

  public Optional<RunInfo> recoverFromDeadOwner(
      String runId, String owner, Instant now, int maxRecoveries) {
    return recover(runId, Optional.of(owner), now, maxRecoveries);
  }

  /**
   * Recovers a running run whose lease expired or, with {@code deadOwner}, that this owner holds;
   * the script applies it only if the run is still as read here.
   */
  private Optional<RunInfo> recover(
      String runId, Optional<String> deadOwner, Instant now, int maxRecoveries) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Optional<Map<String, String>> found = runs.fields(runId);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> f = found.get();
      String exp = f.get("exp");
      boolean lost =
          deadOwner.isPresent()
              ? deadOwner.get().equals(f.get("own"))
              : exp != null && Long.parseLong(exp) < Micros.of(now);
      if (!"running".equals(f.get("st")) || !lost) {
        return Optional.empty();
      }
      RunRules.Recovery recovery =
          RunRules.recover(
              Codec.run(f),
              deadOwner.isPresent() ? StoreEvents.PROCESS_GONE : StoreEvents.LEASE_EXPIRED,
              maxRecoveries,
              now);
      List<NewEvent> events = recovery.events();
      String error = recovery.transition().error().map(e -> "=" + e).orElse("");
      List<String> args = new ArrayList<>();
      args.add(runId);
      args.add(Micros.str(now));
      args.add(f.get("ep"));
      args.add(f.getOrDefault("hb", ""));
      args.add(f.get("rec"));
      args.add(redis.retentionMillis());
      Codec.events(args, events);
      args.add(error);
      args.add(deadOwner.orElse(""));
      List<Object> r = redis.onRun(runId, Script.RECOVER, args, "recover run " + runId);
      if (Codec.is(r, "ok")) {
        return Optional.of(Codec.run(Codec.fields(r.get(1))));
      }
      if (!Codec.is(r, "changed")) {
        return Optional.empty();
      }
    }
    throw busy(runId);
  }

  public Optional<RunInfo> requestCancel(String runId, String reason, Instant now) {
    return untilUnchanged(
        runId,
        f -> {
          RunInfo run = Codec.run(f);
          RunRules.Cancel cancel = RunRules.cancel(run, reason, now);
          if (cancel.event().isEmpty()) {
            return Optional.of(run);
          }
          String mode = cancel.cancelled().isPresent() ? "end" : "flag";
          List<String> args = new ArrayList<>();
          args.add(runId);
          args.add(Micros.str(now));
          args.add(f.get("st"));
          args.add(f.get("att"));
          args.add(f.get("cx"));
          args.add(mode);
          args.add(redis.retentionMillis());
          Codec.events(args, List.of(cancel.event().get()));
          args.add(cancel.cancelled().flatMap(Transition::error).orElse(""));
          return applied(
              redis.onRun(runId, Script.CANCEL, args, "cancel run " + runId),
              r -> Codec.run(Codec.fields(r.get(1))));
        });
  }

  /** A retry, as {@link RunRules#retry} says, applied by the script if the run is as read. */
  public Optional<RetryResult> retry(String runId, String reason, Instant now) {
    return untilUnchanged(
        runId,
        f -> {
          RunInfo run = Codec.run(f);
          RunRules.Retry retry = RunRules.retry(run, reason, now);
          if (!retry.allowed()) {
            return Optional.of(new RetryResult(run, false));
          }
          List<String> args = new ArrayList<>(List.of(runId, f.get("st"), f.get("seq")));
          Codec.events(args, List.of(retry.event().get()));
          Codec.checkpoints(args, RunRules.retried(checkpoints.apply(runId)));
          return applied(
              redis.onRun(runId, Script.RETRY, args, "retry run " + runId),
              r -> new RetryResult(Codec.run(Codec.fields(r.get(1))), true));
        });
  }

  /**
   * Reads the run and makes {@code move} on it until the run stays as read for the move's script:
   * the move answers empty for no such run, null when the run changed in between.
   */
  private <T> Optional<T> untilUnchanged(
      String runId, Function<Map<String, String>, Optional<T>> move) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Optional<Map<String, String>> found = runs.fields(runId);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Optional<T> done = move.apply(found.get());
      if (done != null) {
        return done;
      }
    }
    throw busy(runId);
  }

  /** A script's answer: its outcome when applied, empty for no such run, null when it changed. */
  private static <T> Optional<T> applied(List<Object> reply, Function<List<Object>, T> outcome) {
    if (Codec.is(reply, "ok")) {
      return Optional.of(outcome.apply(reply));
    }
    return Codec.is(reply, "nosuch") ? Optional.empty() : null;
  }

  public Optional<SignalResult> sendSignal(
      String runId, String name, String valueJson, Instant now) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Optional<Map<String, String>> found = runs.fields(runId);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> f = found.get();
      RunInfo run = Codec.run(f);
      RunRules.Signal signal = RunRules.signal(run, name, valueJson, now);
      if (signal.event().isEmpty()) {
        return Optional.of(new SignalResult(run, Optional.empty()));
      }
      // signal.lua makes the run claimable now when it is waiting: RunRules.Signal.resumeNow, for
      // the status it checks is unchanged since this read
      NewEvent event = signal.event().get();
      List<String> args =
          new ArrayList<>(List.of(runId, Micros.str(now), f.get("st"), f.get("att")));
      Codec.events(args, List.of(event));
      List<Object> r = redis.onRun(runId, Script.SIGNAL, args, "signal run " + runId);
      if (Codec.is(r, "ok")) {
        Event written =
            new Event(
                Long.parseLong(Codec.str(r, 1)),
                runId,
                event.type(),
                Micros.truncate(event.ts()),
                event.path(),
                event.attempt(),
                event.data());
        return Optional.of(
            new SignalResult(Codec.run(Codec.fields(r.get(2))), Optional.of(written)));
      }
      if (Codec.is(r, "nosuch")) {
        return Optional.empty();
      }
    }
    throw busy(runId);
  }

  /** The running runs {@code owner} holds, from every partition. */
  public List<RunControl> controls(String owner) {
    List<RunControl> out = new ArrayList<>();
    for (List<Object> part :
        redis.evalAll(Script.CONTROLS, p -> List.of(owner), "read controls of " + owner)) {
      for (int i = 0; i + 2 < part.size(); i += 3) {
        out.add(
            new RunControl(
                (String) part.get(i),
                "1".equals(part.get(i + 1)),
                Long.parseLong((String) part.get(i + 2))));
      }
    }
    return out;
  }

  /** Running runs whose lease expired before {@code now}, oldest expiry first, over partitions. */
  public List<RunInfo> expiredLeases(Instant now, int limit) {
    List<Map<String, String>> all = new ArrayList<>();
    String n = Micros.str(now);
    for (List<Object> part :
        redis.evalAll(
            Script.EXPIRED, p -> List.of(n, Integer.toString(limit)), "list expired leases")) {
      for (Object run : part) {
        all.add(Codec.fields(run));
      }
    }
    return all.stream()
        .sorted(
            Comparator.comparingLong((Map<String, String> f) -> Long.parseLong(f.get("exp")))
                .thenComparing(f -> f.get("id")))
        .limit(limit)
        .map(Codec::run)
        .toList();
  }

  private static StoreException busy(String runId) {
    return new StoreException(
        "run " + runId + " kept changing while it was being updated; try again");
  }
}
