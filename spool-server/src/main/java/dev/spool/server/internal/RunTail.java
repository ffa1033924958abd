package dev.spool.server.internal;

import dev.spool.Event;
import dev.spool.store.RunStore;
import dev.spool.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent events of one run in this process: one virtual thread waits on the store from the
 * run's head on and publishes what arrives into a bounded window, and every follower of the run
 * reads from that window, so N followers cost one store waiter instead of N. A follower whose
 * cursor lies before the window (a late joiner, a slow client) reads the store itself. The thread
 * holds the lock only to publish, and followers only to copy, so a slow client never slows the
 * thread or the other followers.
 */
final class RunTail {
  static final int BATCH = 500;

  final String runId;
  private final RunStore store;
  private final RunTails owner;
  private final Event[] window;
  private final long maxChars;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  // Guarded by lock: the window holds `size` events ending at seq `last`, `chars` of data in all.
  private long last;
  private int size;
  private long chars;
  private volatile boolean ended;
  private volatile StoreException failure;

  // Changed only inside the owner's map calls for this run, which run one at a time.
  volatile int followers;
  volatile long idleSince = System.nanoTime();
  volatile Thread thread;

  RunTail(String runId, long head, RunStore store, RunTails owner, int capacity, long maxChars) {
    this.runId = runId;
    this.store = store;
    this.owner = owner;
    this.window = new Event[capacity];
    this.maxChars = maxChars;
    this.last = head;
  }

  /**
   * Up to {@code limit} events after {@code cursor}; waits up to {@code wait} for the first when
   * there are none yet, and returns an empty list on timeout or once the run has ended.
   *
   * @throws StoreException when the tail stopped on a store error (or the server closing) and the
   *     follower has everything it got before that
   */
  List<Event> next(long cursor, int limit, Duration wait) throws InterruptedException {
    long left = wait.toNanos();
    lock.lock();
    try {
      while (cursor >= last) {
        if (ended) {
          return List.of();
        }
        if (failure != null) {
          throw new StoreException(failure.getMessage(), failure);
        }
        if (left <= 0) {
          return List.of();
        }
        left = arrived.awaitNanos(left);
      }
      if (cursor >= last - size) {
        return copy(cursor, limit);
      }
    } finally {
      lock.unlock();
    }
    // Behind the window (a late joiner, or a slow client): the store has what it missed.
    return store.readEvents(runId, cursor, limit);
  }

  private List<Event> copy(long cursor, int limit) {
    int n = (int) Math.min(limit, last - cursor);
    List<Event> out = new ArrayList<>(n);
    for (long seq = cursor + 1; seq <= cursor + n; seq++) {
      out.add(window[slot(seq)]);
    }
    return out;
  }

  private int slot(long seq) {
    return (int) (seq % window.length);
  }

  /** The thread's loop: waits on the store and publishes, until retired, ended or failed. */
  void run(Duration wait, Duration linger) {
    try {
      while (true) {
        long from = lastPublished();
        // Without followers it waits only out the linger, then goes unless one came back.
        List<Event> events = store.awaitEvents(runId, from, BATCH, followers == 0 ? linger : wait);
        publish(events);
        if (ended) {
          owner.retireIfIdle(this, Duration.ZERO); // else the last follower to leave removes it
          return;
        }
        if (owner.retireIfIdle(this, linger)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      fail(new StoreException("stopped following run " + runId + ": the server is closing"));
    } catch (StoreException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new StoreException("following run " + runId + " failed: " + e, e));
    }
  }

  private long lastPublished() {
    lock.lock();
    try {
      return last;
    } finally {
      lock.unlock();
    }
  }

  private void publish(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (Event e : events) {
        if (e.seq() != last + 1) {
          throw new StoreException(
              "run " + runId + " read seq " + e.seq() + " after " + last + ": not gapless");
        }
        append(e);
        if (e.isTerminal()) {
          ended = true;
          break;
        }
      }
    } finally {
      arrived.signalAll();
      lock.unlock();
    }
  }

  private void append(Event e) {
    if (size == window.length) {
      evictOldest();
    }
    window[slot(e.seq())] = e;
    last = e.seq();
    size++;
    chars += e.data().length();
    while (chars > maxChars && size > 1) {
      evictOldest();
    }
  }

  private void evictOldest() {
    int oldest = slot(last - size + 1);
    chars -= window[oldest].data().length();
    window[oldest] = null;
    size--;
  }

  private void fail(StoreException e) {
    lock.lock();
    try {
      failure = e;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
    owner.forget(this);
  }

  boolean ended() {
    return ended;
  }

  boolean failed() {
    return failure != null;
  }

  boolean idleFor(Duration linger) {
    return followers == 0 && System.nanoTime() - idleSince >= linger.toNanos();
  }
}
