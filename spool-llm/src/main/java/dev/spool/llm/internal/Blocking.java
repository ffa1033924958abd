package dev.spool.llm.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a blocking provider call on a virtual thread of its own while the step's thread beats the
 * heartbeat, so a long call does not look idle; giving up the step interrupts the call.
 */
final class Blocking {
  private Blocking() {}

  static <T> T call(Supplier<T> body, Runnable alive, Duration beatEvery) {
    FutureTask<T> task = new FutureTask<>(body::get);
    Thread t = Thread.ofVirtual().name("spool-llm-call").start(task);
    try {
      while (true) {
        try {
          return task.get(beatEvery.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          alive.run();
        }
      }
    } catch (InterruptedException e) {
      t.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an LLM provider", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
