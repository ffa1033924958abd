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
import dev.spool.store.StoreEvents;
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
  }

  void append(NewEvent e) {
    events.add(
        new Event(
            events.size() + 1, spec.runId(), e.type(), e.ts(), e.path(), e.attempt(), e.data()));
  }

  boolean claimable(ClaimRequest req) {
    return switch (status) {
      case QUEUED -> true;
      case WAITING -> resumeAt != null && !resumeAt.isAfter(req.now());
      case RUNNING -> req.takeOverFrom().map(o -> o.equals(owner)).orElse(false);
      default -> false;
    };
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
        spec.deployment(),
        attempt,
        Optional.ofNullable(owner),
        Optional.ofNullable(heartbeatAt),
        Optional.ofNullable(resumeAt),
        spec.idempotencyKey(),
        cancelRequested,
        recoveries);
  }

  /** The reaper's move: {@code worker.lost}, then requeued, or failed past the recovery limit. */
  void recover(String cause, int maxRecoveries, Instant now) {
    recoveries++;
    append(
        StoreEvents.workerLost(
            cause,
            Optional.ofNullable(owner),
            Optional.ofNullable(heartbeatAt),
            recoveries,
            maxRecoveries,
            attempt,
            now));
    if (recoveries > maxRecoveries) {
      append(StoreEvents.recoveryLimitFailed(spec.runId(), maxRecoveries, attempt, now));
      apply(Transition.failed(StoreEvents.recoveryLimitError(spec.runId(), maxRecoveries)), now);
    } else {
      apply(Transition.requeued(), now);
    }
  }

  /**
   * Ends a queued or waiting run as cancelled, or flags a running one once; a finished run is left
   * as it is.
   *
   * @return true if an event was appended
   */
  boolean cancel(String reason, Instant now) {
    switch (status) {
      case QUEUED, WAITING -> {
        append(StoreEvents.cancelled(spec.runId(), reason, attempt, now));
        apply(Transition.cancelled(StoreEvents.cancelError(spec.runId(), reason)), now);
        return true;
      }
      case RUNNING -> {
        if (cancelRequested) {
          return false;
        }
        cancelRequested = true;
        append(StoreEvents.cancelRequested(reason, attempt, now));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Appends {@code signal.received}; a waiting run becomes claimable now. */
  Event signal(String name, String valueJson, Instant now) {
    append(StoreEvents.signal(name, valueJson, attempt, now));
    Event event = events.get(events.size() - 1);
    lastSignalSeq = event.seq();
    if (status == RunStatus.WAITING) {
      resumeAt = now;
    }
    return event;
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
