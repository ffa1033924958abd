package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.WorkerIds;
import dev.spool.builtin.Builtins;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spool worker} as real processes on one SQLite file: SIGTERM drains and hands the run to
 * another worker; {@code kill -9} of the worker running a run lets another resume it. The test JVM
 * plays the API plane: it only creates runs and reads the store.
 */
class WorkerProcessIT {
  @TempDir Path dir;

  private String store() {
    return "sqlite:" + dir.resolve("spool.db");
  }

  private Spool api(Store store) {
    return Spool.builder(store)
        .register(Builtins.all().toArray(new dev.spool.Workflow<?, ?>[0]))
        .build();
  }

  @Test
  void sigtermDrainsHandsTheRunOverAndExitsZeroAndAnotherWorkerFinishesIt() throws Exception {
    try (Store store = SqliteRunStore.open(dir.resolve("spool.db"))) {
      Spool api = api(store);
      String id = api.start("steps", "{\"steps\":60,\"stepMillis\":40}").run().runId();
      try (SpoolProcess first =
          SpoolProcess.start(dir, "w1", "worker", "--store", store(), "--drain-timeout", "300ms")) {
        awaitEvent(store, id, e -> e.type().equals(EventTypes.STEP_COMPLETED), 3);

        first.terminate();

        assertThat(first.awaitExit(30)).as(first.log()).isZero();
        assertThat(first.log()).contains("drained: 1 run(s) handed off");
      }
      RunInfo handedOff = store.getRun(id).orElseThrow();
      assertThat(handedOff.status()).isEqualTo(RunStatus.QUEUED);
      List<Event> before = all(store, id);
      assertThat(before.get(before.size() - 1).type()).isEqualTo(EventTypes.RUN_HANDOFF);

      try (SpoolProcess second = SpoolProcess.start(dir, "w2", "worker", "--store", store())) {
        RunInfo done = awaitEnd(store, id);
        assertThat(done.status()).as(second.log()).isEqualTo(RunStatus.COMPLETED);
      }
      assertResumedWithoutRepeats(store, id, 60, 0);
    }
  }

  @Test
  void killNineOfTheWorkerRunningARunResumesItOnTheOtherBeforeTheLeaseExpires() throws Exception {
    try (Store store = SqliteRunStore.open(dir.resolve("spool.db"));
        SpoolProcess a = SpoolProcess.start(dir, "a", "worker", "--store", store());
        SpoolProcess b = SpoolProcess.start(dir, "b", "worker", "--store", store())) {
      a.awaitLog("spool worker", 30);
      b.awaitLog("spool worker", 30);
      Spool api = api(store);
      String id = api.start("steps", "{\"steps\":30,\"stepMillis\":100}").run().runId();
      awaitEvent(store, id, e -> e.type().equals(EventTypes.STEP_COMPLETED), 5);
      long victim =
          WorkerIds.localPid(store.getRun(id).orElseThrow().leaseOwner().orElseThrow())
              .orElseThrow();
      SpoolProcess dying = victim == a.pid() ? a : b;
      SpoolProcess survivor = dying == a ? b : a;

      long killedAt = System.nanoTime();
      dying.kill9();
      Event resumed = awaitEvent(store, id, e -> e.type().equals(EventTypes.RUN_RESUMED), 1);
      long resumeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

      RunInfo done = awaitEnd(store, id);
      assertThat(done.status()).as(survivor.log()).isEqualTo(RunStatus.COMPLETED);
      assertThat(Json.tree(resumed.data()).path("worker").asText())
          .contains("/" + survivor.pid() + "/");
      assertThat(done.recoveries()).isEqualTo(1);
      assertResumedWithoutRepeats(store, id, 30, 1);
      Event lost =
          all(store, id).stream()
              .filter(e -> e.type().equals(EventTypes.WORKER_LOST))
              .findFirst()
              .orElseThrow();
      assertThat(Json.tree(lost.data()).path("cause").asText())
          .as("the survivor saw the process gone, before the 15 s lease expired")
          .isEqualTo("processGone");
      System.out.printf(
          "kill -9 -> run.resumed on the other worker: %d ms (same host: the process is gone;"
              + " lease ttl 15 s)%n",
          resumeMillis);
    }
  }

  /**
   * The stream is gapless, the result has every step, and every step completed once, except at most
   * {@code repeatsAllowed} steps that were in flight when a worker died.
   */
  private static void assertResumedWithoutRepeats(
      RunStore store, String id, int steps, int repeatsAllowed) {
    List<Event> events = all(store, id);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1L);
    }
    Map<String, Integer> completions = new HashMap<>();
    for (Event e : events) {
      if (e.type().equals(EventTypes.STEP_COMPLETED)) {
        completions.merge(e.path(), 1, Integer::sum);
      }
    }
    assertThat(completions).hasSize(steps);
    assertThat(completions.values().stream().filter(n -> n > 1).count())
        .isLessThanOrEqualTo(repeatsAllowed);
    RunInfo run = store.getRun(id).orElseThrow();
    assertThat(Json.read(run.result().orElseThrow(), List.class)).hasSize(steps);
  }

  private static List<Event> all(RunStore store, String id) {
    List<Event> out = new ArrayList<>();
    while (true) {
      List<Event> page = store.readEvents(id, out.size(), 1000);
      if (page.isEmpty()) {
        return out;
      }
      out.addAll(page);
    }
  }

  private static Event awaitEvent(RunStore store, String id, Predicate<Event> match, int nth)
      throws InterruptedException {
    long after = 0;
    int seen = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (Event e : store.awaitEvents(id, after, 1000, Duration.ofSeconds(1))) {
        after = e.seq();
        if (match.test(e) && ++seen == nth) {
          return e;
        }
      }
    }
    throw new AssertionError("event not seen within 90 s in run " + id);
  }

  private static RunInfo awaitEnd(RunStore store, String id) throws InterruptedException {
    awaitEvent(store, id, Event::isTerminal, 1);
    return store.getRun(id).orElseThrow();
  }
}
