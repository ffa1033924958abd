package dev.spool.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The token-bucket arithmetic every store shares, so that the in-memory, SQLite and Redis stores
 * answer {@link RunStore#tryTake} alike. Tokens refill continuously at {@code capacity} per {@code
 * period}.
 */
public final class TokenMath {
  private TokenMath() {}

  /** Rejects a take that could never succeed, or a bucket that makes no sense. */
  public static void check(long cost, long capacity, Duration period) {
    if (capacity < 1) {
      throw new IllegalArgumentException("bucket capacity must be >= 1, got " + capacity);
    }
    if (cost < 1 || cost > capacity) {
      throw new IllegalArgumentException(
          "a take must cost 1.." + capacity + " tokens (the capacity), got " + cost);
    }
    if (!period.isPositive()) {
      throw new IllegalArgumentException("bucket period must be positive, got " + period);
    }
  }

  /** The tokens a bucket holds at {@code now}, having held {@code tokens} at {@code at}. */
  public static double refill(
      double tokens, Instant at, Instant now, long capacity, Duration period) {
    long elapsedNanos = Math.max(0, Duration.between(at, now).toNanos());
    double added = (double) elapsedNanos * capacity / period.toNanos();
    return Math.min(capacity, tokens + added);
  }

  /** How long until {@code missing} tokens have refilled (rounded up to the millisecond). */
  public static Duration waitFor(double missing, long capacity, Duration period) {
    double nanos = missing * period.toNanos() / capacity;
    long millis = (long) Math.ceil(nanos / 1_000_000.0);
    return Duration.ofMillis(Math.max(1, millis));
  }
}
