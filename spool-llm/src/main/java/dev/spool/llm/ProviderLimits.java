package dev.spool.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider allows, enforced for every worker of the store together: requests and tokens per
 * window, and requests in flight at once. A call waits (and says so with {@code llm.throttled})
 * until it fits.
 *
 * <pre>{@code
 * ProviderLimits.none().requestsPerMinute(500).tokensPerMinute(200_000).maxConcurrent(8)
 * }</pre>
 *
 * @param requests requests per window
 * @param tokens tokens per window; a call counts its prompt (about four characters a token) plus
 *     its {@code maxTokens}, or the layer's output estimate
 * @param maxConcurrent requests in flight at once; 0 for no limit
 * @param slotTtl how long a concurrency slot is held without renewal before it frees itself (a
 *     worker that died mid-call gives its slot back after this)
 */
public record ProviderLimits(
    Optional<RateLimit> requests, Optional<RateLimit> tokens, int maxConcurrent, Duration slotTtl) {
  public ProviderLimits {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(slotTtl, "slotTtl");
    if (maxConcurrent < 0) {
      throw new IllegalArgumentException("maxConcurrent must be >= 0, got " + maxConcurrent);
    }
    if (!slotTtl.isPositive()) {
      throw new IllegalArgumentException("slotTtl must be positive, got " + slotTtl);
    }
  }

  public static ProviderLimits none() {
    return new ProviderLimits(Optional.empty(), Optional.empty(), 0, Duration.ofMinutes(2));
  }

  public ProviderLimits requests(long amount, Duration window) {
    return new ProviderLimits(
        Optional.of(new RateLimit(amount, window)), tokens, maxConcurrent, slotTtl);
  }

  public ProviderLimits requestsPerMinute(long rpm) {
    return requests(rpm, Duration.ofMinutes(1));
  }

  public ProviderLimits tokens(long amount, Duration window) {
    return new ProviderLimits(
        requests, Optional.of(new RateLimit(amount, window)), maxConcurrent, slotTtl);
  }

  public ProviderLimits tokensPerMinute(long tpm) {
    return tokens(tpm, Duration.ofMinutes(1));
  }

  public ProviderLimits maxConcurrent(int n) {
    return new ProviderLimits(requests, tokens, n, slotTtl);
  }

  public ProviderLimits slotTtl(Duration ttl) {
    return new ProviderLimits(requests, tokens, maxConcurrent, ttl);
  }
}
