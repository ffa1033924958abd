package dev.spool.server.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks the request threads that wait on the store (streams, long polls, result waits), so that
 * closing the server wakes every one of them at once instead of leaving them blocked until their
 * wait times out.
 */
public final class Blocking {
  private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A waiting section; closing it unregisters the thread and clears a pending interrupt. */
  public interface Section extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Registers the current thread for the duration of a wait.
   *
   * @throws ApiProblem 503 once the server is closing
   */
  public Section enter() {
    Thread t = Thread.currentThread();
    waiting.add(t);
    if (closed) {
      waiting.remove(t);
      throw new ApiProblem(
          503, "shutting-down", "Server shutting down", "the server is stopping; try again");
    }
    return () -> {
      waiting.remove(t);
      Thread.interrupted(); // an interrupt from closeAll must not outlive the request
    };
  }

  /** Interrupts every registered wait; later {@link #enter} calls fail. */
  public void closeAll() {
    closed = true;
    waiting.forEach(Thread::interrupt);
  }

  public int active() {
    return waiting.size();
  }
}
