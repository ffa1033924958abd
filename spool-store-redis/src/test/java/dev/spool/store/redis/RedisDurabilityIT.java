package dev.spool.store.redis;

import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.newRun;
import static dev.spool.store.StoreFixtures.progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.store.Claim;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.StoreException;
import dev.spool.testkit.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code appendonly yes} and {@code appendfsync always}, an event the store acknowledged is on
 * disk: writers commit as fast as they can, redis-server is killed with SIGKILL mid-stream,
 * restarted on the same folder and port, and every acknowledged event is there, in a gapless stream
 * that agrees with the run's last seq.
 */
class RedisDurabilityIT {
  @TempDir Path dir;

  @Test
  void noAcknowledgedEventIsLostWhenAnAofAlwaysRedisIsKilled() throws Exception {
    int runs = 4;
    try (RedisServer redis = RedisServer.startDurable(dir)) {
      List<Lease> leases = new ArrayList<>();
      long[] acked = new long[runs];
      try (RedisRunStore store = RedisRunStore.open(redis.uri())) {
        for (int r = 0; r < runs; r++) {
          store.createRun(newRun("run-" + r, at(r)));
          leases.add(
              store
                  .claim(claimAt("w1", at(10)).onlyRun("run-" + r))
                  .map(Claim::lease)
                  .orElseThrow());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(runs)) {
          List<Future<?>> writers = new ArrayList<>();
          for (int r = 0; r < runs; r++) {
            int run = r;
            writers.add(
                pool.submit(
                    () -> {
                      for (int i = 0; ; i++) {
                        try {
                          acked[run] =
                              store.commit(
                                  leases.get(run),
                                  Commit.of(progress(at(20), "{\"i\":" + i + "}")));
                        } catch (StoreException e) {
                          return; // Redis went away: the last acknowledged seq is in acked
                        }
                      }
                    }));
          }
          Thread.sleep(700);
          redis.kill9();
          for (Future<?> f : writers) {
            f.get(30, TimeUnit.SECONDS);
          }
        }
      }
      for (long a : acked) {
        assertThat(a).as("writers got acknowledgements before the kill").isGreaterThan(10);
      }

      redis.restart();

      try (RedisRunStore store = RedisRunStore.open(redis.uri())) {
        for (int r = 0; r < runs; r++) {
          String id = "run-" + r;
          List<Event> events = all(store, id);
          assertThat(events.size()).as("events of %s", id).isGreaterThanOrEqualTo((int) acked[r]);
          for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).seq()).isEqualTo(i + 1L);
            if (i > 0) {
              assertThat(Json.tree(events.get(i).data()).path("i").asInt()).isEqualTo(i - 1);
            }
          }
          assertThat(store.getRun(id).orElseThrow().lastSeq()).isEqualTo(events.size());
        }
      }
    }
  }

  private static List<Event> all(RedisRunStore store, String id) {
    List<Event> out = new ArrayList<>();
    while (true) {
      List<Event> page = store.readEvents(id, out.size(), 1000);
      if (page.isEmpty()) {
        return out;
      }
      out.addAll(page);
    }
  }
}
