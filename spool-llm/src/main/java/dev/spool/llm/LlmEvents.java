package dev.spool.llm;

/**
 * The events the LLM layer writes on the run's stream, at the LLM step's path and attempt. Every
 * payload names the {@code provider} it is about.
 *
 * <ul>
 *   <li>{@code llm.usage}: a provider answered. {@code {provider, model, inputTokens, outputTokens,
 *       totalTokens, latencyMs, attempts, streamed, chunks}}
 *   <li>{@code llm.retry}: a request failed with an outage (connection error, timeout, 5xx) and is
 *       sent again to the same provider. {@code {provider, attempt, error:{type, message, status},
 *       delayMs}}
 *   <li>{@code llm.throttled}: the call waits for a limit. {@code {provider, reason, waitMs}};
 *       reason is {@code requests}, {@code tokens} or {@code concurrency} (the shared limits),
 *       {@code retry-after} (a hold another call set after a 429), or {@code 429} (this call got
 *       one; then also {@code retryAfterMs} and whether the provider said so, {@code
 *       providerSaid}).
 *   <li>{@code llm.breaker}: the provider's circuit breaker changed state in this call. {@code
 *       {provider, from, to}} with states {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}.
 *   <li>{@code llm.failover}: the call leaves a provider for the next. {@code {from, to, reason,
 *       error}}; reason is {@code outage}, {@code breaker-open}, {@code throttled} (its wait budget
 *       ran out) or {@code unusable} (401, 403, 404).
 *   <li>{@code llm.invalid_output}: a structured reply did not fit the type; the model is asked
 *       again with the error. {@code {provider, attempt, error}}
 *   <li>{@code output.superseded} (the engine's type): a streamed reply broke off part-way and the
 *       call starts over (retry or failover), so its chunks so far are void. {@code {reason,
 *       provider}}
 * </ul>
 */
public final class LlmEvents {
  public static final String USAGE = "llm.usage";
  public static final String RETRY = "llm.retry";
  public static final String THROTTLED = "llm.throttled";
  public static final String BREAKER = "llm.breaker";
  public static final String FAILOVER = "llm.failover";
  public static final String INVALID_OUTPUT = "llm.invalid_output";

  private LlmEvents() {}
}
