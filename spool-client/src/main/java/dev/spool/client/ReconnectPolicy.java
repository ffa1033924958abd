package dev.spool.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SpoolClient#follow} and {@link SpoolClient#awaitResult} ride out a lost connection or
 * a server error (5xx, 408, 429): they wait and reconnect, resuming after the last event they
 * delivered, until the policy gives up.
 *
 * <p>The delay before the n-th reconnect in a row that has not delivered an event is {@code
 * initialDelay × 2^(n-1)}, capped at {@code maxDelay}, with up to half of it taken off at random so
 * many clients do not reconnect in step. A server's {@code Retry-After} lengthens it (to at most
 * {@code giveUpAfter}). The SSE {@code retry:} field is parsed but not obeyed: it is a hint for
 * browsers, which have no policy of their own, and this one is the caller's explicit choice.
 *
 * <p>The policy gives up when {@code maxAttempts} reconnects in a row delivered no event, or when
 * the server has sent nothing at all (not even a keep-alive) for {@code giveUpAfter}. A client that
 * never reached the server in the first place does not retry: that is a wrong URL or a server that
 * is down, and the caller hears of it at once.
 *
 * @param initialDelay the first delay, at least 1 ms
 * @param maxDelay the longest delay, at least {@code initialDelay}
 * @param maxAttempts reconnects in a row without an event before giving up; 0 never reconnects
 * @param giveUpAfter how long the server may stay silent or unreachable before giving up
 */
public record ReconnectPolicy(
    Duration initialDelay, Duration maxDelay, int maxAttempts, Duration giveUpAfter) {
  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (initialDelay.toMillis() < 1) {
      throw new IllegalArgumentException("initialDelay must be at least 1ms, got " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay ("
              + maxDelay
              + ") must not be shorter than initialDelay ("
              + initialDelay
              + ")");
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be >= 0, got " + maxAttempts);
    }
    if (giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("giveUpAfter must not be negative, got " + giveUpAfter);
    }
  }

  /**
   * 100 ms doubling to 5 s, for as many attempts as fit in 2 minutes of silence from the server.
   */
  public static ReconnectPolicy defaults() {
    return new ReconnectPolicy(
        Duration.ofMillis(100), Duration.ofSeconds(5), Integer.MAX_VALUE, Duration.ofMinutes(2));
  }

  /** Never reconnects: the first lost connection fails the call. */
  public static ReconnectPolicy never() {
    return new ReconnectPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ZERO);
  }

  public ReconnectPolicy withDelays(Duration initial, Duration max) {
    return new ReconnectPolicy(initial, max, maxAttempts, giveUpAfter);
  }

  public ReconnectPolicy withMaxAttempts(int attempts) {
    return new ReconnectPolicy(initialDelay, maxDelay, attempts, giveUpAfter);
  }

  public ReconnectPolicy withGiveUpAfter(Duration d) {
    return new ReconnectPolicy(initialDelay, maxDelay, maxAttempts, d);
  }
}
