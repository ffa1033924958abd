package dev.spool.llm;

/**
 * A model's answer, and how it was obtained. It is the LLM step's checkpointed output, so the trace
 * ({@code step.completed}) shows which provider answered, the model, token usage, latency and how
 * many requests it took.
 *
 * @param text the reply
 * @param provider the name of the provider that answered
 * @param model the model that answered, as the provider named it
 * @param usage tokens used by the request that answered
 * @param latencyMs time from sending that request to its last byte
 * @param attempts requests sent for this call, across providers, the answered one included
 * @param finishReason why the model stopped ({@code stop}, {@code length}, …; {@code unknown})
 */
public record Reply(
    String text,
    String provider,
    String model,
    Usage usage,
    long latencyMs,
    int attempts,
    String finishReason) {}
