package dev.spool.store.redis;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.newRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.builtin.Builtins;
import dev.spool.store.RunInfo;
import dev.spool.store.StoreException;
import dev.spool.testkit.RedisServer;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis going away and coming back (SIGKILL, restart on the same AOF): calls fail fast with a clear
 * {@link StoreException} instead of hanging, the client reconnects by itself, and a worker mid-run
 * carries on: the run completes with a gapless stream and nothing written twice.
 */
class RedisOutageIT {
  @TempDir Path dir;

  @Test
  void callsFailFastWhileRedisIsDownAndWorkAgainOnceItIsBack() throws Exception {
    try (RedisServer redis = RedisServer.startDurable(dir);
        RedisRunStore store = RedisRunStore.open(redis.uri() + "?timeout=2s")) {
      store.createRun(newRun("r1", at(1)));
      redis.kill9();

      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> store.getRun("r1"))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("Redis at redis://127.0.0.1:" + redis.port() + "/0");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
            .as("fails within the timeout, not forever")
            .isLessThan(4_000);
      }

      redis.restart();

      RunInfo back = eventually(() -> store.getRun("r1")).orElseThrow();
      assertThat(back.status()).isEqualTo(RunStatus.QUEUED);
    }
  }

  @Test
  void aWorkerRidesOutARedisRestartMidRunAndTheRunCompletesWithoutDuplicates() throws Exception {
    int steps = 40;
    try (RedisServer redis = RedisServer.startDurable(dir);
        RedisRunStore store = RedisRunStore.open(redis.uri() + "?timeout=2s");
        RedisRunStore observer = RedisRunStore.open(redis.uri() + "?timeout=2s")) {
      Spool spool =
          Spool.builder(store)
              .register(Builtins.all().toArray(new dev.spool.Workflow<?, ?>[0]))
              .leaseTtl(Duration.ofSeconds(6))
              .build();
      String id = spool.start("steps", "{\"steps\":" + steps + ",\"stepMillis\":50}").run().runId();
      try (Worker worker = Worker.start(spool, 2)) {
        awaitCompletedSteps(observer, id, 8);

        redis.kill9();
        Thread.sleep(1500);
        redis.restart();

        RunInfo done = awaitEnd(observer, id);
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Json.read(done.result().orElseThrow(), List.class)).hasSize(steps);
      }
      List<Event> events = observer.readEvents(id, 0, 10_000);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isEqualTo(i + 1L);
      }
      Set<String> seen = new HashSet<>();
      for (Event e : events) {
        String body = e.type() + "|" + e.path() + "|" + e.attempt() + "|" + e.ts() + "|" + e.data();
        assertThat(seen.add(body)).as("event written twice: %s", body).isTrue();
      }
      Map<String, Integer> completions = new HashMap<>();
      events.stream()
          .filter(e -> e.type().equals(EventTypes.STEP_COMPLETED))
          .forEach(e -> completions.merge(e.path(), 1, Integer::sum));
      assertThat(completions).hasSize(steps);
      long lost = events.stream().filter(e -> e.type().equals(EventTypes.WORKER_LOST)).count();
      System.out.printf(
          "redis restart mid-run: %d events, %d worker.lost, %d run.resumed%n",
          events.size(),
          lost,
          events.stream().filter(e -> e.type().equals(EventTypes.RUN_RESUMED)).count());
      assertThat(completions.values().stream().filter(n -> n > 1).count())
          .as("only a step in flight when a lease was lost may run again")
          .isLessThanOrEqualTo(lost);
    }
  }

  private static void awaitCompletedSteps(RedisRunStore store, String id, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      long done =
          store.readEvents(id, 0, 10_000).stream()
              .filter(e -> e.type().equals(EventTypes.STEP_COMPLETED))
              .count();
      if (done >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("fewer than " + n + " steps completed in 60 s");
  }

  private static RunInfo awaitEnd(RedisRunStore store, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        Optional<RunInfo> r = store.getRun(id);
        if (r.isPresent() && r.get().status().isTerminal()) {
          return r.get();
        }
      } catch (StoreException e) {
        // still reconnecting
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " did not end within 90 s");
  }

  private static <T> T eventually(Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        return call.get();
      } catch (StoreException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
