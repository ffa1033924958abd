package dev.spool.store.redis.internal;

import dev.spool.Event;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
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

  public Controls(Redis redis, Runs runs) {
    this.redis = redis;
    this.runs = runs;
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
    for (int i = 0; i < ATTEMPTS; i++) {
      Optional<Map<String, String>> found = runs.fields(runId);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> f = found.get();
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
      List<Object> r = redis.onRun(runId, Script.CANCEL, args, "cancel run " + runId);
      if (Codec.is(r, "ok")) {
        return Optional.of(Codec.run(Codec.fields(r.get(1))));
      }
      if (Codec.is(r, "nosuch")) {
        return Optional.empty();
      }
    }
    throw busy(runId);
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
