package dev.spool.store.sqlite.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells readers waiting for a run's events that the run may have changed. A write through this
 * store wakes only the waiters of the run it wrote; a change whose run is unknown (another
 * process's commit, the store closing) wakes them all.
 *
 * <p>Counters that only grow: a reader takes a {@link Mark} before reading and waits for it to move
 * on, so a change between its read and its wait is never missed.
 */
public final class ChangeSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition waitersArrived = lock.newCondition();
  private final Map<String, RunWaiters> byRun = new HashMap<>(); // guarded by lock
  private long everyRun; // guarded by lock
  private int waiters; // guarded by lock

  /** The waiters of one run: the condition they wait on and the run's own change counter. */
  private static final class RunWaiters {
    final Condition changed;
    long version;
    int count;

    RunWaiters(Condition changed) {
      this.changed = changed;
    }
  }

  /** Where the counters stood for one run when a reader looked. */
  public record Mark(long everyRun, long run) {}

  /** Wakes the waiters of {@code runId}. */
  public void bump(String runId) {
    lock.lock();
    try {
      RunWaiters w = byRun.get(runId);
      if (w != null) {
        w.version++;
        w.changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiter: something changed and which run is not known. */
  public void bumpAll() {
    lock.lock();
    try {
      everyRun++;
      byRun.values().forEach(w -> w.changed.signalAll());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a waiter for {@code runId}; the watcher polls for other processes' writes only while
   * there are any. Pair with {@link #leave}.
   */
  public void enter(String runId) {
    lock.lock();
    try {
      byRun.computeIfAbsent(runId, k -> new RunWaiters(lock.newCondition())).count++;
      if (waiters++ == 0) {
        waitersArrived.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  public void leave(String runId) {
    lock.lock();
    try {
      RunWaiters w = byRun.get(runId);
      if (w != null && --w.count == 0) {
        byRun.remove(runId);
      }
      waiters--;
    } finally {
      lock.unlock();
    }
  }

  /** The counters for {@code runId} now; only meaningful between {@link #enter} and leave. */
  public Mark mark(String runId) {
    lock.lock();
    try {
      RunWaiters w = byRun.get(runId);
      return new Mark(everyRun, w == null ? 0 : w.version);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code runId} or every run changed since {@code seen}, or {@code nanos} pass. The
   * caller must have {@link #enter entered} for the run.
   *
   * @return the nanoseconds left (zero or less on timeout)
   */
  public long awaitChange(String runId, Mark seen, long nanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      RunWaiters w = byRun.get(runId);
      if (w == null) {
        throw new IllegalStateException("awaitChange for run " + runId + " without enter");
      }
      while (everyRun == seen.everyRun() && w.version == seen.run() && nanos > 0) {
        nanos = w.changed.awaitNanos(nanos);
      }
      return nanos;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks while nobody waits.
   *
   * @return true if it had to block (the caller then knows nothing about changes meanwhile)
   */
  boolean awaitWaiters() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      boolean blocked = false;
      while (waiters == 0) {
        waitersArrived.await();
        blocked = true;
      }
      return blocked;
    } finally {
      lock.unlock();
    }
  }
}
