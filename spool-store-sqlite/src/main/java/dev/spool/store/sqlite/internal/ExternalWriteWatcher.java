package dev.spool.store.sqlite.internal;

import dev.spool.store.StoreException;
import java.time.Duration;

/**
 * Notices commits made by other processes (or another store open on the same file) by polling
 * {@code PRAGMA data_version} on the store's writer connection, where it moves only for other
 * connections' commits, and wakes every waiter. It polls only while someone waits. Writes through
 * this store wake their own run's waiters directly and cost the others nothing.
 */
public final class ExternalWriteWatcher implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(25);

  private final Database db;
  private final ChangeSignal signal;
  private final Thread thread;

  public ExternalWriteWatcher(Database db, ChangeSignal signal, String name) {
    this.db = db;
    this.signal = signal;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  private void run() {
    try {
      long seen = 0;
      while (true) {
        boolean fresh = signal.awaitWaiters();
        long current;
        try {
          current = db.externalVersion();
        } catch (StoreException e) {
          // Cannot tell (busy or closing): let the waiters re-read for themselves, then try again.
          signal.bumpAll();
          Thread.sleep(POLL);
          continue;
        }
        // After an idle spell a commit may have slipped in before this first look: wake once.
        if (fresh || current != seen) {
          signal.bumpAll();
        }
        seen = current;
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      // close() asked us to stop.
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
