package dev.spool.internal.worker;

import dev.spool.SpoolClock;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds runs whose worker stopped renewing its lease and gives them back to the queue (or fails
 * them after too many recoveries). Every worker runs one; the store's {@link
 * RunStore#recoverExpired} is atomic, so reapers racing on the same run do the work once.
 */
public final class Reaper {
  private static final int BATCH = 100;

  private final RunStore store;
  private final SpoolClock clock;
  private final int maxRecoveries;

  public Reaper(RunStore store, SpoolClock clock, int maxRecoveries) {
    this.store = store;
    this.clock = clock;
    this.maxRecoveries = maxRecoveries;
  }

  /** One pass; returns how many runs it recovered (requeued or failed). */
  public int reapOnce() {
    Instant now = clock.now();
    int recovered = 0;
    for (RunInfo expired : store.expiredLeases(now, BATCH)) {
      Optional<RunInfo> after = store.recoverExpired(expired.runId(), now, maxRecoveries);
      if (after.isPresent()) {
        recovered++;
      }
    }
    return recovered;
  }
}
