package dev.spool.worker.internal;

import dev.spool.EngineOptions;
import dev.spool.SpoolClock;
import dev.spool.WorkerIds;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds runs whose worker was lost and gives them back to the queue (or fails them after too many
 * recoveries). Every worker runs one; the store's recover moves are atomic, so reapers racing on
 * the same run do the work once.
 *
 * <p>A worker is lost when its lease expires unrenewed, or at once when it is a process of this
 * host's process table that no longer exists ({@link WorkerIds#isDeadLocalProcess}).
 */
public final class Reaper {
  private static final int BATCH = 100;

  private final RunStore store;
  private final SpoolClock clock;
  private final EngineOptions options;

  public Reaper(RunStore store, SpoolClock clock, EngineOptions options) {
    this.store = store;
    this.clock = clock;
    this.options = options;
  }

  /** One pass; returns how many runs it recovered (requeued or failed). */
  public int reapOnce() {
    Instant now = clock.now();
    int recovered = 0;
    for (RunInfo expired : store.expiredLeases(now, BATCH)) {
      if (store.recoverExpired(expired.runId(), now, options.maxRecoveries()).isPresent()) {
        recovered++;
      }
    }
    return recovered + reapDeadLocalOwners(now);
  }

  /**
   * Leases that expire within two ttls (clocks differ a little) are every running run's, oldest
   * expiry first: those a dead worker stopped renewing come first. A run whose holder is a gone
   * local process is recovered.
   */
  private int reapDeadLocalOwners(Instant now) {
    Map<String, Boolean> dead = new HashMap<>();
    int recovered = 0;
    for (RunInfo run : store.expiredLeases(now.plus(options.leaseTtl().multipliedBy(2)), BATCH)) {
      Optional<String> owner = run.leaseOwner();
      if (owner.isEmpty() || !dead.computeIfAbsent(owner.get(), WorkerIds::isDeadLocalProcess)) {
        continue;
      }
      if (store
          .recoverFromDeadOwner(run.runId(), owner.get(), now, options.maxRecoveries())
          .isPresent()) {
        recovered++;
      }
    }
    return recovered;
  }
}
