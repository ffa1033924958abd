package dev.spool;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests: time moves only when told to. {@link #sleep} returns at once after moving the
 * clock forward by the slept time, so a two-day durable sleep costs nothing.
 */
public final class ManualClock implements SpoolClock {
  private final AtomicReference<Instant> now;

  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Instant.ofEpochMilli(start.toEpochMilli()));
  }

  public static ManualClock at(String isoInstant) {
    return new ManualClock(Instant.parse(isoInstant));
  }

  @Override
  public Instant now() {
    return now.get();
  }

  /** Moves the clock forward. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + d);
    }
    now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (d.isPositive()) {
      advance(d);
    }
  }
}
