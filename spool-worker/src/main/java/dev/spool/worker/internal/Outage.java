package dev.spool.worker.internal;

import dev.spool.store.StoreException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports a store outage in the log once when it begins and once when it ends, instead of on every
 * failed call of the loops that retry through it.
 */
public final class Outage {
  private final System.Logger log;
  private final String who;
  private final AtomicLong downSince = new AtomicLong();

  public Outage(System.Logger log, String who) {
    this.log = log;
    this.who = who;
  }

  /** A store call failed; the first failure after a success is logged. */
  public void failed(StoreException e) {
    if (downSince.compareAndSet(0, System.nanoTime() | 1)) {
      log.log(
          System.Logger.Level.WARNING,
          who + ": the store is unreachable; retrying until it is back: " + e.getMessage());
    }
  }

  /** A store call succeeded; ends an outage, if there was one, with a log line. */
  public void ok() {
    long since = downSince.getAndSet(0);
    if (since != 0) {
      log.log(
          System.Logger.Level.WARNING,
          who
              + ": the store is reachable again after "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since)
              + " ms");
    }
  }
}
