package dev.spool.store.sqlite.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells waiting readers that the database may have changed. A counter that only grows: a reader
 * notes it before reading, and waits for it to move on, so a change between its read and its wait
 * is never missed.
 */
public final class ChangeSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Condition waitersArrived = lock.newCondition();
  private long version;
  private int waiters;

  public long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiter. */
  public void bump() {
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Registers a waiter; the watcher polls for other processes' writes only while there are any. */
  public void enter() {
    lock.lock();
    try {
      if (waiters++ == 0) {
        waitersArrived.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  public void leave() {
    lock.lock();
    try {
      waiters--;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the version differs from {@code seen} or {@code nanos} pass.
   *
   * @return the nanoseconds left (zero or less on timeout)
   */
  public long awaitChange(long seen, long nanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (version == seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
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
