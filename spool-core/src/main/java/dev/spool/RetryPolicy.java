package dev.spool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a step retries: up to {@code maxAttempts} attempts in all, waiting {@code initialDelay}
 * multiplied by {@code multiplier} after each failure (capped at {@code maxDelay}), randomized by
 * ±{@code jitter} (a fraction), and only for errors that are instances of {@code retryOn}. A {@link
 * NonRetryableException} never retries.
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialDelay,
    double multiplier,
    Duration maxDelay,
    double jitter,
    List<Class<? extends Throwable>> retryOn) {

  private static final List<Class<? extends Throwable>> ANY = List.of(Exception.class);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
    }
    retryOn = List.copyOf(retryOn);
    if (retryOn.isEmpty()) {
      throw new IllegalArgumentException("retryOn needs at least one exception type");
    }
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0, ANY);
  }

  /** Doubling delays from {@code initialDelay}, capped at one minute, with 20% jitter. */
  public static RetryPolicy exponential(int maxAttempts, Duration initialDelay) {
    Duration cap =
        initialDelay.compareTo(Duration.ofMinutes(1)) > 0 ? initialDelay : Duration.ofMinutes(1);
    return new RetryPolicy(maxAttempts, initialDelay, 2.0, cap, 0.2, ANY);
  }

  /** The same delay between every attempt, without jitter. */
  public static RetryPolicy fixed(int maxAttempts, Duration delay) {
    return new RetryPolicy(maxAttempts, delay, 1.0, delay, 0, ANY);
  }

  public RetryPolicy withJitter(double fraction) {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, fraction, retryOn);
  }

  public RetryPolicy withMaxDelay(Duration cap) {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, cap, jitter, retryOn);
  }

  public RetryPolicy withMultiplier(double factor) {
    return new RetryPolicy(maxAttempts, initialDelay, factor, maxDelay, jitter, retryOn);
  }

  /** Retries only errors of these types (and their subclasses). */
  @SafeVarargs
  public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter, List.of(types));
  }

  /** Whether an attempt that failed with {@code error} may be retried (attempts aside). */
  public boolean retries(Throwable error) {
    if (error instanceof NonRetryableException || error instanceof Error) {
      return false;
    }
    for (Class<? extends Throwable> t : retryOn) {
      if (t.isInstance(error)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based), before jitter.
   *
   * @param unitRandom a value in [0, 1) that places the jitter; pass 0.5 for none
   */
  public Duration delayAfter(int attempt, double unitRandom) {
    double base = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
    base = Math.min(base, maxDelay.toNanos());
    double factor = 1.0 + jitter * (2 * unitRandom - 1);
    return Duration.ofNanos((long) Math.max(0, base * factor));
  }
}
