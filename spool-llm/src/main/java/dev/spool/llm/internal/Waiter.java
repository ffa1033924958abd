package dev.spool.llm.internal;

import dev.spool.Context;
import dev.spool.SpoolClock;
import java.time.Duration;

/**
 * Waits inside an LLM step the way a long step should: in slices, beating the step's heartbeat
 * between them, and giving up at once when the run is cancelled or the attempt abandoned.
 */
final class Waiter {
  private final Context ctx;
  private final SpoolClock clock;
  private final Duration beatEvery;

  Waiter(Context ctx, SpoolClock clock, Duration beatEvery) {
    this.ctx = ctx;
    this.clock = clock;
    this.beatEvery = beatEvery;
  }

  Context ctx() {
    return ctx;
  }

  SpoolClock clock() {
    return clock;
  }

  Duration beatEvery() {
    return beatEvery;
  }

  void sleep(Duration d) {
    Duration left = d;
    while (left.isPositive()) {
      ctx.checkCancelled();
      Duration slice = left.compareTo(beatEvery) < 0 ? left : beatEvery;
      try {
        clock.sleep(slice);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for an LLM provider", e);
      }
      ctx.heartbeat();
      left = left.minus(slice);
    }
  }
}
