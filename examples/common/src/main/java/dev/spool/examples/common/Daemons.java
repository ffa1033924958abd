package dev.spool.examples.common;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Starts servers from a daemon thread, so the JDK's server threads they make are daemons too. */
final class Daemons {
  private Daemons() {}

  /**
   * Runs {@code start} on a daemon thread and returns what it made. The JDK's HTTP server gives its
   * dispatcher thread the daemon flag of the thread that started it; a server started here does not
   * keep the process alive after everything else ended.
   */
  static <T> T start(String name, Supplier<T> start) {
    AtomicReference<T> made = new AtomicReference<>();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                made.set(start.get());
              } catch (RuntimeException e) {
                failed.set(e);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name, e);
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    return made.get();
  }
}
