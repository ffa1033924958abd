package dev.spool.llm;

import dev.spool.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How an LLM call rides out failures.
 *
 * @param perProvider requests per provider before failing over on outages, and the backoff between
 *     them (a 429 does not use one up: the call waits as the provider said, then tries again)
 * @param breaker when a provider's circuit breaker opens
 * @param maxThrottleWait the most a call waits for one provider's limits or {@code Retry-After}
 *     before it fails over to the next; bursty batches queue within it
 * @param defaultRetryAfter the wait after a 429 that did not say how long
 * @param outputEstimate tokens a reply is assumed to use, for tokens-per-minute limits, when the
 *     prompt sets no {@code maxTokens}
 * @param structuredAttempts replies a structured call asks for before it gives up on bad JSON
 * @param heartbeatEvery how often a waiting or streaming call beats the step's heartbeat
 */
public record LlmPolicy(
    RetryPolicy perProvider,
    BreakerPolicy breaker,
    Duration maxThrottleWait,
    Duration defaultRetryAfter,
    int outputEstimate,
    int structuredAttempts,
    Duration heartbeatEvery) {
  public LlmPolicy {
    Objects.requireNonNull(perProvider, "perProvider");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(maxThrottleWait, "maxThrottleWait");
    Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
    Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
    if (maxThrottleWait.isNegative() || !defaultRetryAfter.isPositive()) {
      throw new IllegalArgumentException("throttle waits must be positive");
    }
    if (outputEstimate < 1 || structuredAttempts < 1) {
      throw new IllegalArgumentException("outputEstimate and structuredAttempts must be >= 1");
    }
    if (!heartbeatEvery.isPositive()) {
      throw new IllegalArgumentException("heartbeatEvery must be positive");
    }
  }

  /**
   * Three requests per provider 0.5 s, 1 s apart (±20%); default breaker; up to 5 minutes of
   * throttling per provider; 1 s after a bare 429; replies estimated at 512 tokens; three tries at
   * structured output; a heartbeat every 2 s.
   */
  public static LlmPolicy defaults() {
    return new LlmPolicy(
        RetryPolicy.exponential(3, Duration.ofMillis(500)).withMaxDelay(Duration.ofSeconds(10)),
        BreakerPolicy.defaults(),
        Duration.ofMinutes(5),
        Duration.ofSeconds(1),
        512,
        3,
        Duration.ofSeconds(2));
  }

  public LlmPolicy perProvider(RetryPolicy p) {
    return new LlmPolicy(
        p,
        breaker,
        maxThrottleWait,
        defaultRetryAfter,
        outputEstimate,
        structuredAttempts,
        heartbeatEvery);
  }

  public LlmPolicy breaker(BreakerPolicy b) {
    return new LlmPolicy(
        perProvider,
        b,
        maxThrottleWait,
        defaultRetryAfter,
        outputEstimate,
        structuredAttempts,
        heartbeatEvery);
  }

  public LlmPolicy maxThrottleWait(Duration d) {
    return new LlmPolicy(
        perProvider,
        breaker,
        d,
        defaultRetryAfter,
        outputEstimate,
        structuredAttempts,
        heartbeatEvery);
  }

  public LlmPolicy structuredAttempts(int n) {
    return new LlmPolicy(
        perProvider,
        breaker,
        maxThrottleWait,
        defaultRetryAfter,
        outputEstimate,
        n,
        heartbeatEvery);
  }

  public LlmPolicy heartbeatEvery(Duration d) {
    return new LlmPolicy(
        perProvider,
        breaker,
        maxThrottleWait,
        defaultRetryAfter,
        outputEstimate,
        structuredAttempts,
        d);
  }
}
