package dev.spool.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code amount} (requests, or tokens) in any interval of length {@code window}.
 *
 * <p>Enforced with a token bucket in the run store that holds a fifth of the amount (the burst) and
 * refills at the rest per window, so that no interval of the window's length, wherever it starts,
 * sees more than the amount: bursts stay small and a batch flows at a steady pace.
 */
public record RateLimit(long amount, Duration window) {
  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (amount < 1) {
      throw new IllegalArgumentException("a rate limit's amount must be >= 1, got " + amount);
    }
    if (!window.isPositive()) {
      throw new IllegalArgumentException("a rate limit's window must be positive, got " + window);
    }
  }

  public static RateLimit perMinute(long amount) {
    return new RateLimit(amount, Duration.ofMinutes(1));
  }

  /** The bucket's size: the largest burst. */
  public long burst() {
    if (amount == 1) {
      return 1;
    }
    return Math.max(1, Math.min(amount - 1, Math.round(amount * 0.2)));
  }

  /** The time in which the bucket refills {@link #burst()} tokens. */
  public Duration refillPeriod() {
    if (amount == 1) {
      return window;
    }
    long b = burst();
    // Rounded up: a period a little long keeps the limit, a little short would break it.
    return Duration.ofNanos((long) Math.ceil((double) window.toNanos() * b / (amount - b)));
  }
}
