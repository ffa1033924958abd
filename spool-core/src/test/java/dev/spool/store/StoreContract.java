package dev.spool.store;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every role contract of the store conformance suite sees: the store under test, the hooks a
 * store module may tune, and shared helpers. The contracts are flat mixins, one per role ({@link
 * RunContract}, {@link LeaseContract}, {@link ControlContract}, {@link ConcurrencyContract}, {@link
 * KeyContract}, {@link LimitContract}, {@link FleetContract}, {@link RunRulesContract}); a store
 * module's test extends {@link StoreConformance}, which owns the lifecycle, and implements every
 * contract its store fulfils.
 */
public interface StoreContract {
  /** The store under test, fresh and empty for each test. */
  Store store();

  /**
   * A second, independent client of the same data as {@link #store()} (as another process would
   * open it), closed after the test; empty when the store cannot have one, and tests that need it
   * are then skipped.
   */
  Optional<Store> secondClient();

  /** Threads that append to one run at once in the concurrency tests. */
  default int concurrentWriters() {
    return 8;
  }

  /** Single-event commits each of those threads makes. */
  default int commitsPerWriter() {
    return 200;
  }

  /** Creates queued runs {@code runId(1..n)} created at {@code at(1..n)}. */
  default List<String> createRuns(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(store().createRun(newRun(runId(i), at(i))).run().runId());
    }
    return ids;
  }

  /** Creates one run and claims it for {@code owner} at {@code at(10)}. */
  default Lease createAndClaim(String owner) {
    String id = createRuns(1).get(0);
    Lease lease = store().claim(claimAt(owner, at(10))).map(Claim::lease).orElseThrow();
    assertThat(lease.runId()).isEqualTo(id);
    return lease;
  }

  default RunInfo run(String runId) {
    return store().getRun(runId).orElseThrow(() -> new AssertionError("no run " + runId));
  }

  /** Every event of a run, read in pages. */
  default List<Event> allEvents(RunStore from, String runId) {
    List<Event> all = new ArrayList<>();
    while (true) {
      long after = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
      List<Event> page = from.readEvents(runId, after, 500);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
    }
  }

  default List<Event> allEvents(String runId) {
    return allEvents(store(), runId);
  }
}
