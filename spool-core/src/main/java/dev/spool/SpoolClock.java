package dev.spool;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's time source. Production uses {@link #system()}; tests use a clock they advance, so a
 * two-day durable sleep costs nothing.
 */
public interface SpoolClock {
  Instant now();

  /** Waits for {@code d} of this clock's time. */
  void sleep(Duration d) throws InterruptedException;

  static SpoolClock system() {
    return SystemClock.INSTANCE;
  }

  /** Real wall-clock time, truncated to milliseconds so every store round-trips it exactly. */
  enum SystemClock implements SpoolClock {
    INSTANCE;

    @Override
    public Instant now() {
      return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      if (d.isPositive()) {
        Thread.sleep(d);
      }
    }
  }
}
