package dev.spool.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * When a provider's circuit breaker (Resilience4j) opens and how it probes again. It counts only
 * outages (connection errors, timeouts, 5xx): a 429 or a refused request says nothing about the
 * provider's health. Breakers live in each worker process; the limits are what workers share.
 *
 * @param failureRatePercent the failure rate over the last {@code window} calls that opens it
 * @param minimumCalls calls it must have seen before it may open
 * @param window how many recent calls the rate is computed over
 * @param openFor how long it stays open (calls skip the provider) before letting probes through
 * @param probes calls let through half-open; if they succeed it closes, if one fails it reopens
 */
public record BreakerPolicy(
    float failureRatePercent, int minimumCalls, int window, Duration openFor, int probes) {
  public BreakerPolicy {
    Objects.requireNonNull(openFor, "openFor");
    if (failureRatePercent <= 0 || failureRatePercent > 100) {
      throw new IllegalArgumentException("failure rate must be within (0, 100]");
    }
    if (minimumCalls < 1 || window < 1 || probes < 1) {
      throw new IllegalArgumentException("minimumCalls, window and probes must be >= 1");
    }
    if (!openFor.isPositive()) {
      throw new IllegalArgumentException("openFor must be positive");
    }
  }

  /** Opens at 50% failures over the last 10 calls (after 5), for 30 seconds; one probe. */
  public static BreakerPolicy defaults() {
    return new BreakerPolicy(50, 5, 10, Duration.ofSeconds(30), 1);
  }

  public BreakerPolicy openFor(Duration d) {
    return new BreakerPolicy(failureRatePercent, minimumCalls, window, d, probes);
  }

  public BreakerPolicy minimumCalls(int n) {
    return new BreakerPolicy(failureRatePercent, n, Math.max(window, n), openFor, probes);
  }
}
