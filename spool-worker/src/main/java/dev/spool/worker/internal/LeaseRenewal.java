package dev.spool.worker.internal;

import dev.spool.internal.engine.RunExecution;
import dev.spool.store.Lease;
import dev.spool.store.RunStore;
import dev.spool.store.StoreException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A worker's heartbeat over the runs it holds: one batch renewal for all their leases. */
public final class LeaseRenewal {
  private LeaseRenewal() {}

  /**
   * Renews the lease of every run in {@code held} until {@code newExpiry}; a run whose lease was
   * lost (another worker holds it now) is stopped. When the store cannot be reached nothing
   * changes: the next beat tries again, as a lease lasts several beats.
   */
  public static void renew(RunStore store, Instant newExpiry, Collection<RunExecution> held) {
    List<RunExecution> runs = List.copyOf(held);
    if (runs.isEmpty()) {
      return;
    }
    List<Lease> renewed;
    try {
      renewed = store.renewAll(runs.stream().map(RunExecution::lease).toList(), newExpiry);
    } catch (StoreException e) {
      return;
    }
    Map<String, Lease> byRun = new HashMap<>();
    renewed.forEach(l -> byRun.put(l.runId(), l));
    for (RunExecution exec : runs) {
      Lease lease = byRun.get(exec.runId());
      if (lease != null) {
        exec.leaseRenewed(lease);
      } else {
        exec.stop();
      }
    }
  }
}
