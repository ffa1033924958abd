package dev.spool.worker;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Turns SIGTERM and the first Ctrl-C into an orderly stop the process waits for, instead of the
 * JVM's abrupt exit (status 143); a second Ctrl-C exits at once with 130.
 */
public final class StopSignals {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicInteger interrupts = new AtomicInteger();
  private final PrintStream log;

  private StopSignals(PrintStream log) {
    this.log = log;
  }

  /** Installs the handlers; {@code what} says what the first signal starts, e.g. "draining". */
  public static StopSignals install(PrintStream log, String what) {
    StopSignals s = new StopSignals(log);
    try {
      Signal.handle(new Signal("TERM"), sig -> s.stop.countDown());
      Signal.handle(
          new Signal("INT"),
          sig -> {
            if (s.interrupts.incrementAndGet() > 1) {
              log.println("second interrupt: exiting now");
              Runtime.getRuntime().halt(130);
            }
            log.println("interrupt: " + what + " (press Ctrl-C again to exit at once)");
            s.stop.countDown();
          });
    } catch (IllegalArgumentException e) {
      log.println("note: cannot handle " + e.getMessage() + "; stopping will be abrupt");
    }
    return s;
  }

  /** Blocks until a stop signal arrives or {@link #stop} is called. */
  public void await() throws InterruptedException {
    stop.await();
  }

  /** Stops as a signal would. */
  public void stop() {
    stop.countDown();
  }
}
