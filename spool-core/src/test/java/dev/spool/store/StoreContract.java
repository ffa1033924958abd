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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Lifecycle, hooks and helpers shared by the parts of the {@link RunStore} conformance suite. Store
 * modules extend {@link RunStoreConformanceTest}, not this class.
 */
public abstract class StoreContract {
  /** The store under test, fresh and empty for each test. */
  protected RunStore store;

  private final List<RunStore> extraClients = new ArrayList<>();

  /** A new, empty store; called once per test and closed after it. */
  protected abstract RunStore newStore();

  /**
   * A second, independent client of the same data as the last {@link #newStore()} (as another
   * process would open it), or empty when the store cannot have one; tests that need it are then
   * skipped. The suite closes it.
   */
  protected Optional<RunStore> openSecondClient() {
    return Optional.empty();
  }

  /** Threads that append to one run at once in the concurrency tests. */
  protected int concurrentWriters() {
    return 8;
  }

  /** Single-event commits each of those threads makes. */
  protected int commitsPerWriter() {
    return 200;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    for (RunStore c : extraClients) {
      c.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** {@link #openSecondClient()}, closed after the test. */
  protected Optional<RunStore> secondClient() {
    Optional<RunStore> client = openSecondClient();
    client.ifPresent(extraClients::add);
    return client;
  }

  /** Creates queued runs {@code runId(1..n)} created at {@code at(1..n)}. */
  protected List<String> createRuns(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(store.createRun(newRun(runId(i), at(i))).run().runId());
    }
    return ids;
  }

  /** Creates one run and claims it for {@code owner} at {@code at(10)}. */
  protected Lease createAndClaim(String owner) {
    String id = createRuns(1).get(0);
    Lease lease = store.claim(claimAt(owner, at(10))).orElseThrow();
    assertThat(lease.runId()).isEqualTo(id);
    return lease;
  }

  protected RunInfo run(String runId) {
    return store.getRun(runId).orElseThrow(() -> new AssertionError("no run " + runId));
  }

  /** Every event of a run, read in pages. */
  protected List<Event> allEvents(RunStore from, String runId) {
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

  protected List<Event> allEvents(String runId) {
    return allEvents(store, runId);
  }

  /** Asserts the run's events are numbered exactly 1..expected. */
  protected static void assertGapless(List<Event> events, int expected) {
    assertThat(events).hasSize(expected);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).as("seq at index %d", i).isEqualTo(i + 1L);
    }
  }
}
