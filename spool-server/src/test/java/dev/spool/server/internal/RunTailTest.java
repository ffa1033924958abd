package dev.spool.server.internal;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.event;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.store.Claim;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.RunInfo;
import dev.spool.store.StoreException;
import dev.spool.store.Transition;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run's followers share one store waiter, and still each get exactly the run's stream. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunTailTest {
  private static final String RUN = "run-1";
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  SqliteRunStore real;
  CountingStore counting;
  Lease lease;
  int appended;
  final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void open() {
    real = SqliteRunStore.open(dir.resolve("spool.db"));
    real.createRun(newRun(RUN, at(0)));
    lease = real.claim(claimAt("w1", at(1)).onlyRun(RUN)).map(Claim::lease).orElseThrow();
    counting = new CountingStore(real);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    real.close();
  }

  private RunTails tails(Duration linger, int window) {
    return new RunTails(counting.store(), WAIT, linger, window);
  }

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      real.commit(lease, Commit.of(progress(at(2), "{\"i\":" + appended++ + "}")));
    }
  }

  private void complete() {
    real.commit(
        lease, Commit.of(Transition.completed("1"), event(EventTypes.RUN_COMPLETED, at(3))));
  }

  private RunInfo run() {
    return real.getRun(RUN).orElseThrow();
  }

  private List<Event> stored(long after) {
    return real.readEvents(RUN, after, 100_000);
  }

  private Future<List<Event>> readToEnd(RunTails.Follower f) {
    return threads.submit(
        () -> {
          List<Event> got = new ArrayList<>();
          while (got.isEmpty() || !got.getLast().isTerminal()) {
            got.addAll(f.next(RunTail.BATCH, WAIT));
          }
          f.close();
          return got;
        });
  }

  /** Reads until the follower has seq {@code seq}; returns what it read. */
  private List<Event> readUpTo(RunTails.Follower f, long seq) throws InterruptedException {
    List<Event> got = new ArrayList<>();
    while (got.isEmpty() || got.getLast().seq() < seq) {
      got.addAll(f.next(RunTail.BATCH, WAIT));
    }
    return got;
  }

  @Test
  void aHundredFollowersCostOneStoreWaiterAndEachGetsTheWholeStream() throws Exception {
    RunTails tails = tails(RunTails.LINGER, RunTails.WINDOW);
    List<Future<List<Event>>> followers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      followers.add(readToEnd(tails.follow(run(), 0)));
    }
    assertThat(tails.size()).isEqualTo(1);

    append(300);
    complete();

    List<Event> all = stored(0);
    assertThat(all).hasSize(302);
    for (Future<List<Event>> f : followers) {
      assertThat(f.get()).isEqualTo(all);
    }
    assertThat(counting.mostWaiting.get()).as("store waiters at once").isEqualTo(1);
    // One wait per batch the tail read: at most one per event, where 100 followers alone made
    // 100 per event.
    assertThat(counting.awaits.get()).isBetween(1, all.size() + 2);
    // Each read what came before the tail started (seq 1) from the store, once.
    assertThat(counting.reads.get()).as("store reads").isEqualTo(100);
    assertThat(tails.size()).as("tails once the run ended and its followers left").isZero();
    assertThat(counting.waiting.get()).isZero();
  }

  @Test
  void aFollowerBehindTheWindowReadsTheStoreThenJoinsTheTail() throws Exception {
    RunTails tails = tails(RunTails.LINGER, 16);
    RunTails.Follower first = tails.follow(run(), 0);
    append(100);
    List<Event> firstGot = readUpTo(first, 101); // the window now holds seqs 86..101

    Future<List<Event>> behind = readToEnd(tails.follow(run(), 5));
    Future<List<Event>> inside = readToEnd(tails.follow(run(), 95));
    Future<List<Event>> fromZero = readToEnd(tails.follow(run(), 0));
    Future<List<Event>> rest = readToEnd(first);
    append(40);
    complete();

    List<Event> all = stored(0);
    assertThat(behind.get()).isEqualTo(stored(5));
    assertThat(inside.get()).isEqualTo(stored(95));
    assertThat(fromZero.get()).isEqualTo(all);
    firstGot.addAll(rest.get());
    assertThat(firstGot).isEqualTo(all);
    assertThat(counting.reads.get()).as("reads behind the window").isPositive();
    assertThat(counting.mostWaiting.get()).isEqualTo(1);
    assertThat(tails.size()).isZero();
  }

  @Test
  void aFollowerThatStopsReadingHoldsUpNoOneAndLaterCatchesUpExactly() throws Exception {
    RunTails tails = tails(RunTails.LINGER, 16);
    RunTails.Follower stalled = tails.follow(run(), 0);
    Future<List<Event>> others = readToEnd(tails.follow(run(), 0));

    append(200);
    complete();

    assertThat(others.get()).isEqualTo(stored(0)); // while the stalled one has read nothing
    assertThat(tails.size()).isEqualTo(1); // the stalled follower keeps the ended tail
    assertThat(readToEnd(stalled).get()).isEqualTo(stored(0));
    assertThat(tails.size()).isZero();
  }

  @Test
  void anIdleFollowerGetsNothingAfterItsWaitThenTheNextEvent() throws Exception {
    RunTails tails = tails(RunTails.LINGER, RunTails.WINDOW);
    try (RunTails.Follower f = tails.follow(run(), 1)) {
      assertThat(f.next(RunTail.BATCH, Duration.ofMillis(100))).isEmpty();
      append(1);
      assertThat(f.next(RunTail.BATCH, WAIT)).isEqualTo(stored(1));
    }
  }

  @Test
  void aTailStopsSoonAfterItsLastFollowerLeaves() throws Exception {
    RunTails tails = new RunTails(counting.store(), Duration.ofMillis(100), Duration.ZERO, 16);
    List<RunTails.Follower> followers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      followers.add(tails.follow(run(), 1)); // the run is idle: nothing follows seq 1 yet
    }
    assertThat(tails.size()).isEqualTo(1);
    followers.forEach(RunTails.Follower::close);

    awaitNoTails(tails);
    assertThat(counting.waiting.get()).as("store waits left").isZero();
    int awaits = counting.awaits.get();
    Thread.sleep(300);
    assertThat(counting.awaits.get()).as("store waits after the tail stopped").isEqualTo(awaits);
  }

  @Test
  void aStoreErrorEndsTheFollowersAndTheNextFollowerStartsAFreshTail() throws Exception {
    RunTails tails = tails(RunTails.LINGER, RunTails.WINDOW);
    counting.failWaits = true;
    try (RunTails.Follower f = tails.follow(run(), 1)) {
      assertThatThrownBy(() -> f.next(RunTail.BATCH, WAIT))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("boom");
    }
    awaitNoTails(tails);

    counting.failWaits = false;
    Future<List<Event>> again = readToEnd(tails.follow(run(), 0));
    append(3);
    complete();
    assertThat(again.get()).isEqualTo(stored(0));
  }

  @Test
  void aRunThatEndedIsReadFromTheStoreWithoutATail() throws Exception {
    append(5);
    complete();
    RunTails tails = tails(RunTails.LINGER, RunTails.WINDOW);

    assertThat(readToEnd(tails.follow(run(), 2)).get()).isEqualTo(stored(2));
    assertThat(tails.size()).isZero();
    assertThat(counting.awaits.get()).isZero();
  }

  @Test
  void closingEndsEveryFollowerAndRefusesNewOnes() throws Exception {
    RunTails tails = tails(RunTails.LINGER, RunTails.WINDOW);
    RunTails.Follower f = tails.follow(run(), 1);
    tails.close();
    assertThatThrownBy(() -> f.next(RunTail.BATCH, WAIT))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closing");
    f.close();
    awaitNoTails(tails);
    assertThatThrownBy(() -> tails.follow(run(), 1)).isInstanceOf(InterruptedException.class);
    awaitNoTails(tails);
  }

  private static void awaitNoTails(RunTails tails) throws InterruptedException {
    while (tails.size() > 0) {
      Thread.sleep(10); // bounded by the test's timeout
    }
  }
}
