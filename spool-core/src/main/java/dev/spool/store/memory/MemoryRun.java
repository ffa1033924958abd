package dev.spool.store.memory;

import dev.spool.Event;
import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunRules;
import dev.spool.store.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One run's mutable state, guarded by the store's lock. */
final class MemoryRun {
  final NewRun spec;
  String deployment;
  final List<Event> events = new ArrayList<>();
  final TreeMap<String, Checkpoint> checkpoints = new TreeMap<>();
  RunStatus status = RunStatus.QUEUED;
  String result;
  String error;
  Instant startedAt;
  Instant finishedAt;
  int attempt;
  long epoch;
  String owner;
  Instant leaseExpiresAt;
  Instant claimedAt;
  Instant firstExpiry;
  Instant heartbeatAt;
  Instant resumeAt;
  boolean cancelRequested;
  int recoveries;
  long lastSignalSeq;

  MemoryRun(NewRun spec) {
    this.spec = spec;
    this.deployment = spec.deployment();
  }

  void append(NewEvent e) {
    events.add(
        new Event(
            events.size() + 1, spec.runId(), e.type(), e.ts(), e.path(), e.attempt(), e.data()));
  }

  void putCheckpoint(Checkpoint c) {
    checkpoints.put(c.path() + '\0' + String.format("%09d", c.attempt()), c);
  }

  boolean claimable(ClaimRequest req) {
    return RunRules.claimable(
        status,
        Optional.ofNullable(resumeAt),
        Optional.ofNullable(owner),
        req.now(),
        req.takeOverFrom());
  }

  Lease lease(ClaimRequest req) {
    epoch++;
    attempt++;
    owner = req.owner();
    status = RunStatus.RUNNING;
    claimedAt = req.now();
    firstExpiry = req.now().plus(req.ttl());
    leaseExpiresAt = firstExpiry;
    heartbeatAt = req.now();
    resumeAt = null;
    if (startedAt == null) {
      startedAt = req.now();
    }
    return new Lease(spec.runId(), owner, epoch, leaseExpiresAt, attempt);
  }

  void apply(Transition t, Instant at) {
    status = t.status();
    switch (t.status()) {
      case COMPLETED, FAILED, CANCELLED -> {
        result = t.result().orElse(null);
        error = t.error().orElse(null);
        finishedAt = at;
        resumeAt = null;
        owner = null;
        leaseExpiresAt = null;
      }
      case WAITING, QUEUED -> {
        resumeAt = t.resumeAt().orElse(null);
        if (t.wakeOnSignalAfter().map(seen -> lastSignalSeq > seen).orElse(false)) {
          resumeAt = at;
        }
        owner = null;
        leaseExpiresAt = null;
      }
      case RUNNING -> {}
    }
  }

  RunInfo info() {
    return new RunInfo(
        spec.runId(),
        spec.workflow(),
        spec.version(),
        status,
        spec.input(),
        Optional.ofNullable(result),
        Optional.ofNullable(error),
        spec.createdAt(),
        Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt),
        events.size(),
        deployment,
        attempt,
        Optional.ofNullable(owner),
        Optional.ofNullable(heartbeatAt),
        Optional.ofNullable(resumeAt),
        spec.idempotencyKey(),
        cancelRequested,
        recoveries);
  }

  /** The reaper's move, as {@link RunRules#recover} says. */
  void recover(String cause, int maxRecoveries, Instant now) {
    RunRules.Recovery r = RunRules.recover(info(), cause, maxRecoveries, now);
    recoveries = r.recoveries();
    r.events().forEach(this::append);
    apply(r.transition(), now);
  }

  /**
   * A cancel request, as {@link RunRules#cancel} says.
   *
   * @return true if an event was appended
   */
  boolean cancel(String reason, Instant now) {
    RunRules.Cancel c = RunRules.cancel(info(), reason, now);
    c.event().ifPresent(this::append);
    c.cancelled().ifPresent(t -> apply(t, now));
    if (c.flag()) {
      cancelRequested = true;
    }
    return c.event().isPresent();
  }

  /**
   * A retry, as {@link RunRules#retry} says.
   *
   * @return true if the run was requeued
   */
  boolean retry(String reason, Instant now) {
    RunRules.Retry r = RunRules.retry(info(), reason, now);
    if (!r.allowed()) {
      return false;
    }
    append(r.event().get());
    RunRules.retried(List.copyOf(checkpoints.values())).forEach(this::putCheckpoint);
    status = RunStatus.QUEUED;
    result = null;
    error = null;
    finishedAt = null;
    resumeAt = null;
    owner = null;
    leaseExpiresAt = null;
    cancelRequested = false;
    recoveries = 0;
    return true;
  }

  /** A signal, as {@link RunRules#signal} says: the event appended, or empty for a finished run. */
  Optional<Event> signal(String name, String valueJson, Instant now) {
    RunRules.Signal sig = RunRules.signal(info(), name, valueJson, now);
    if (sig.event().isEmpty()) {
      return Optional.empty();
    }
    append(sig.event().get());
    Event event = events.get(events.size() - 1);
    lastSignalSeq = event.seq();
    if (sig.resumeNow()) {
      resumeAt = now;
    }
    return Optional.of(event);
  }

  private static final Comparator<MemoryRun> NEWEST_FIRST =
      Comparator.comparing((MemoryRun r) -> r.spec.createdAt())
          .thenComparing(r -> r.spec.runId())
          .reversed();

  /** One page of {@code runs} as the query asks, newest first (the store's listing). */
  static List<RunInfo> page(Map<String, MemoryRun> runs, RunQuery q) {
    if (q.beforeRunId().isPresent() && !runs.containsKey(q.beforeRunId().get())) {
      return List.of();
    }
    return runs.values().stream()
        .filter(r -> q.status().map(s -> s == r.status).orElse(true))
        .filter(r -> q.workflow().map(w -> w.equals(r.spec.workflow())).orElse(true))
        .filter(
            r -> q.beforeRunId().map(b -> NEWEST_FIRST.compare(r, runs.get(b)) > 0).orElse(true))
        .sorted(NEWEST_FIRST)
        .limit(q.limit())
        .map(MemoryRun::info)
        .toList();
  }
}
