package dev.spool.store.memory;

import dev.spool.Event;
import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.CreateResult;
import dev.spool.store.FleetStore;
import dev.spool.store.KeyStore;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.LimitStore;
import dev.spool.store.NewEvent;
import dev.spool.store.NewRun;
import dev.spool.store.RetryResult;
import dev.spool.store.RunControl;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunRules;
import dev.spool.store.SignalResult;
import dev.spool.store.Store;
import dev.spool.store.StoreEvents;
import dev.spool.store.StoreException;
import dev.spool.store.WorkflowVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Every store role in memory, behind one lock. Nothing survives the process. */
public final class MemoryRunStore implements Store {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final Map<String, MemoryRun> runs = new HashMap<>();
  private final Map<String, String> byKey = new HashMap<>();
  private final Keys keys = new Keys();
  private final MemoryLimits limits = new MemoryLimits();
  private final Fleet fleet = new Fleet(new FleetRuns());

  @Override
  public CreateResult createRun(NewRun spec) {
    lock.lock();
    try {
      if (spec.idempotencyKey().isPresent()) {
        String existing = byKey.get(spec.idempotencyKey().get());
        if (existing != null) {
          return new CreateResult(runs.get(existing).info(), false);
        }
      }
      if (runs.containsKey(spec.runId())) {
        throw new StoreException("run id " + spec.runId() + " already exists");
      }
      MemoryRun run = new MemoryRun(spec);
      RunRules.created(spec).forEach(run::append);
      spec.seedCheckpoints().forEach(run::putCheckpoint);
      runs.put(spec.runId(), run);
      spec.idempotencyKey().ifPresent(k -> byKey.put(k, spec.runId()));
      appended.signalAll();
      return new CreateResult(run.info(), true);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<RunInfo> getRun(String runId) {
    return locked(() -> Optional.ofNullable(runs.get(runId)).map(MemoryRun::info));
  }

  @Override
  public List<RunInfo> listRuns(RunQuery q) {
    lock.lock();
    try {
      return MemoryRun.page(runs, q);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Claim> claim(ClaimRequest req) {
    lock.lock();
    try {
      Optional<MemoryRun> pick =
          runs.values().stream()
              .filter(r -> req.runId().map(id -> id.equals(r.spec.runId())).orElse(true))
              .filter(r -> r.claimable(req))
              .filter(
                  r ->
                      RunRules.placeable(
                          r.deployment,
                          r.spec.workflow(),
                          r.spec.version(),
                          req.deployment(),
                          req.runnable()))
              .min(
                  Comparator.comparing((MemoryRun r) -> r.spec.createdAt())
                      .thenComparing(r -> r.spec.runId()));
      return pick.map(r -> new Claim(r.lease(req), r.info(), List.copyOf(r.checkpoints.values())));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Lease renew(Lease lease, Instant newExpiry) {
    lock.lock();
    try {
      MemoryRun run = fenced(lease);
      run.leaseExpiresAt = newExpiry;
      run.heartbeatAt = newExpiry.minus(Duration.between(run.claimedAt, run.firstExpiry));
      return lease.renewedUntil(newExpiry);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long commit(Lease lease, Commit commit) {
    lock.lock();
    try {
      MemoryRun run = fenced(lease);
      for (NewEvent e : commit.events()) {
        run.append(e);
      }
      commit.checkpoints().forEach(run::putCheckpoint);
      commit.transition().ifPresent(t -> run.apply(t, lastTs(commit, run)));
      if (!commit.events().isEmpty()) {
        appended.signalAll();
      }
      return run.events.size();
    } finally {
      lock.unlock();
    }
  }

  private static Instant lastTs(Commit commit, MemoryRun run) {
    return commit.events().isEmpty()
        ? run.events.get(run.events.size() - 1).ts()
        : commit.events().get(commit.events().size() - 1).ts();
  }

  private MemoryRun fenced(Lease lease) {
    MemoryRun run = runs.get(lease.runId());
    if (run == null) {
      throw new LeaseLostException(lease.runId(), lease.epoch(), "no such run");
    }
    if (run.status != RunStatus.RUNNING
        || run.epoch != lease.epoch()
        || !lease.owner().equals(run.owner)) {
      throw new LeaseLostException(
          lease.runId(),
          lease.epoch(),
          "the run is " + run.status.wireName() + " at epoch " + run.epoch);
    }
    return run;
  }

  @Override
  public List<Checkpoint> checkpoints(String runId) {
    lock.lock();
    try {
      MemoryRun run = runs.get(runId);
      return run == null ? List.of() : List.copyOf(run.checkpoints.values());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Event> readEvents(String runId, long afterSeq, int limit) {
    lock.lock();
    try {
      MemoryRun run = runs.get(runId);
      if (run == null || afterSeq >= run.events.size()) {
        return List.of();
      }
      int from = (int) Math.max(0, afterSeq);
      int to = (int) Math.min(run.events.size(), (long) from + limit);
      return List.copyOf(run.events.subList(from, to));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Event> awaitEvents(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    lock.lock();
    try {
      while (true) {
        List<Event> got = readEvents(runId, afterSeq, limit);
        long left = deadline - System.nanoTime();
        if (!got.isEmpty() || left <= 0) {
          return got;
        }
        appended.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<RunInfo> expiredLeases(Instant now, int limit) {
    return locked(
        () ->
            runs.values().stream()
                .filter(r -> r.status == RunStatus.RUNNING && r.leaseExpiresAt.isBefore(now))
                .sorted(Comparator.comparing((MemoryRun r) -> r.leaseExpiresAt))
                .limit(limit)
                .map(MemoryRun::info)
                .toList());
  }

  @Override
  public Optional<RunInfo> recoverExpired(String runId, Instant now, int maxRecoveries) {
    return recover(
        runId,
        r -> r.leaseExpiresAt != null && r.leaseExpiresAt.isBefore(now),
        StoreEvents.LEASE_EXPIRED,
        now,
        maxRecoveries);
  }

  @Override
  public Optional<RunInfo> recoverFromDeadOwner(
      String runId, String owner, Instant now, int maxRecoveries) {
    return recover(runId, r -> owner.equals(r.owner), StoreEvents.PROCESS_GONE, now, maxRecoveries);
  }

  private Optional<RunInfo> recover(
      String runId,
      java.util.function.Predicate<MemoryRun> lost,
      String cause,
      Instant now,
      int maxRecoveries) {
    lock.lock();
    try {
      MemoryRun run = runs.get(runId);
      if (run == null || run.status != RunStatus.RUNNING || !lost.test(run)) {
        return Optional.empty();
      }
      run.recover(cause, maxRecoveries, now);
      appended.signalAll();
      return Optional.of(run.info());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<RunInfo> requestCancel(String runId, String reason, Instant now) {
    lock.lock();
    try {
      MemoryRun run = runs.get(runId);
      if (run == null) {
        return Optional.empty();
      }
      if (run.cancel(reason, now)) {
        appended.signalAll();
      }
      return Optional.of(run.info());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<RetryResult> retryRun(String runId, String reason, Instant now) {
    lock.lock();
    try {
      MemoryRun run = runs.get(runId);
      if (run == null) {
        return Optional.empty();
      }
      boolean retried = run.retry(reason, now);
      if (retried) {
        appended.signalAll();
      }
      return Optional.of(new RetryResult(run.info(), retried));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<SignalResult> sendSignal(
      String runId, String name, String valueJson, Instant now) {
    lock.lock();
    try {
      MemoryRun run = runs.get(runId);
      if (run == null) {
        return Optional.empty();
      }
      Optional<Event> event = run.signal(name, valueJson, now);
      event.ifPresent(e -> appended.signalAll());
      return Optional.of(new SignalResult(run.info(), event));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<RunControl> controls(String owner) {
    return locked(
        () ->
            runs.values().stream()
                .filter(r -> r.status == RunStatus.RUNNING && owner.equals(r.owner))
                .filter(r -> r.cancelRequested || r.lastSignalSeq > 0)
                .map(r -> new RunControl(r.spec.runId(), r.cancelRequested, r.lastSignalSeq))
                .toList());
  }

  @Override
  public KeyStore keys() {
    return keys;
  }

  @Override
  public LimitStore limits() {
    return limits;
  }

  @Override
  public FleetStore fleet() {
    return fleet;
  }

  /** What the fleet role reads and moves of the runs, under the store's lock. */
  private final class FleetRuns implements Fleet.Runs {
    @Override
    public Map<String, Long> inFlight() {
      return count(r -> r.deployment);
    }

    @Override
    public Map<WorkflowVersion, Long> inFlightByVersion() {
      return count(r -> new WorkflowVersion(r.spec.workflow(), r.spec.version()));
    }

    private <K> Map<K, Long> count(java.util.function.Function<MemoryRun, K> by) {
      return locked(
          () -> {
            Map<K, Long> counts = new java.util.LinkedHashMap<>();
            for (MemoryRun r : runs.values()) {
              if (!r.status.isTerminal()) {
                counts.merge(by.apply(r), 1L, Long::sum);
              }
            }
            return counts;
          });
    }

    @Override
    public int moveQueued(String from, String to) {
      return locked(
          () -> {
            int moved = 0;
            for (MemoryRun r : runs.values()) {
              if (RunRules.movable(r.info(), from)) {
                r.deployment = to;
                moved++;
              }
            }
            return moved;
          });
    }
  }

  @Override
  public String describe() {
    return "mem:";
  }

  @Override
  public void close() {}

  /** Runs {@code body} under the store's lock. */
  private <T> T locked(java.util.function.Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}
