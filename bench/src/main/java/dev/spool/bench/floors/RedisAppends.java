package dev.spool.bench.floors;

import dev.spool.RunIds;
import dev.spool.bench.proc.Protocol;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import dev.spool.store.NewRun;
import dev.spool.store.redis.RedisRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event appends per second through Spool's Redis store: C threads, each holding the lease of a run
 * of its own, commit one small event at a time ({@code RunStore.commit}: the fenced Lua script plus
 * XADD) for a fixed time. Compared in the report with {@code redis-benchmark} XADD at the same
 * client counts on the same server.
 *
 * <p>Usage: {@code RedisAppends REDIS_URI SECONDS C...}; replies once.
 */
public final class RedisAppends {
  private RedisAppends() {}

  public static void main(String[] args) throws Exception {
    try (RedisRunStore store = RedisRunStore.open(args[0])) {
      double seconds = Double.parseDouble(args[1]);
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 2; i < args.length; i++) {
        int clients = Integer.parseInt(args[i]);
        measure(store, clients, 1.0); // warm-up
        out.put(Integer.toString(clients), measure(store, clients, seconds));
      }
      Protocol.reply(out);
    } catch (Exception | Error e) {
      e.printStackTrace();
      Protocol.reply(Protocol.error(e));
    }
    System.exit(0);
  }

  private static double measure(RedisRunStore store, int clients, double seconds) throws Exception {
    String deployment = "appends-" + System.nanoTime();
    List<Lease> leases = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Instant now = Instant.now();
      store.createRun(
          new NewRun(RunIds.next(now), "appends", "1", "{}", Optional.empty(), deployment, now));
      leases.add(
          store
              .claim(ClaimRequest.next("bench", deployment, now, Duration.ofMinutes(10)))
              .map(Claim::lease)
              .orElseThrow());
    }
    AtomicLong appended = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    long t0;
    long t1;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Lease lease : leases) {
        pool.submit(
            () -> {
              int i = 0;
              while (!stop.get()) {
                store.commit(
                    lease,
                    Commit.of(
                        new NewEvent("progress", Instant.now(), "", 1, "{\"i\":" + i++ + "}")));
                appended.incrementAndGet();
              }
              return null;
            });
      }
      t0 = System.nanoTime();
      long before = appended.get();
      Thread.sleep((long) (seconds * 1000));
      long after = appended.get();
      t1 = System.nanoTime();
      stop.set(true);
      return (after - before) / ((t1 - t0) / 1e9);
    }
  }
}
