package dev.spool.store.redis.internal;

import dev.spool.store.StoreException;
import java.time.Duration;
import java.util.List;

/**
 * Removes finished runs once their retention is over. Their keys (hash, stream, checkpoints,
 * idempotency key) already carry a Redis expiry set by the script that finished them, so they go
 * even if no store is running; this sweep drops what cannot expire by itself: their entries in the
 * partition's listing indexes, and locators in other partitions. Any number of stores may sweep at
 * once (each batch is one script); a run whose keys expired before the sweep reached it is simply
 * skipped by listings meanwhile.
 */
public final class Retention implements AutoCloseable {
  private static final int BATCH = 500;

  private final Redis redis;
  private final Thread thread;
  private volatile boolean closed;

  private Retention(Redis redis, Duration every) {
    this.redis = redis;
    this.thread =
        Thread.ofVirtual()
            .name("spool-redis-retention")
            .start(
                () -> {
                  while (!closed) {
                    try {
                      Thread.sleep(every);
                      sweep();
                    } catch (InterruptedException e) {
                      return;
                    } catch (StoreException e) {
                      // Redis unreachable: the next round tries again
                    }
                  }
                });
  }

  /** Starts sweeping every {@code every}; with no retention (keep forever), nothing to do. */
  public static Retention start(Redis redis, Duration every) {
    return new Retention(redis, every);
  }

  /** One pass over every partition; returns how many finished runs were removed. */
  public int sweep() {
    int removed = 0;
    Layout layout = redis.layout();
    for (int p = 0; p < layout.partitions(); p++) {
      while (true) {
        List<Object> locs =
            redis.eval(
                Script.SWEEP,
                layout.partition(p),
                List.of(Integer.toString(BATCH)),
                "remove expired runs");
        int n = Integer.parseInt((String) locs.get(0));
        for (int i = 1; i + 1 < locs.size(); i += 2) {
          int home = Integer.parseInt((String) locs.get(i));
          redis.eval(
              Script.UNLOCATE,
              layout.partition(home),
              List.of((String) locs.get(i + 1), Integer.toString(p)),
              "remove a locator");
        }
        removed += n;
        if (n < BATCH) {
          break;
        }
      }
    }
    return removed;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
