package dev.spool.store.redis.internal;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lettuce's event loops and timers, shared by every store of this JVM (they are the expensive part
 * of a client) and shut down when the last store closes.
 */
final class SharedResources {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static ClientResources resources;
  private static int users;

  private SharedResources() {}

  static Lease acquire() {
    LOCK.lock();
    try {
      if (resources == null) {
        resources =
            DefaultClientResources.builder()
                .reconnectDelay(
                    Delay.exponential(
                        Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
      }
      users++;
      return new Lease(resources);
    } finally {
      LOCK.unlock();
    }
  }

  private static void release(ClientResources r) {
    LOCK.lock();
    try {
      if (r == resources && --users == 0) {
        resources = null;
        r.shutdown(0, 2, TimeUnit.SECONDS);
      }
    } finally {
      LOCK.unlock();
    }
  }

  /** One store's use of the shared resources. */
  static final class Lease {
    private final ClientResources resources;
    private boolean released;

    private Lease(ClientResources resources) {
      this.resources = resources;
    }

    ClientResources get() {
      return resources;
    }

    void release() {
      if (!released) {
        released = true;
        SharedResources.release(resources);
      }
    }
  }
}
