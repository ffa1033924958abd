package dev.spool.testkit.llm;

/**
 * What a {@link FakeLlmServer} has seen since it started (or since {@link FakeLlmServer#reset}).
 *
 * @param requests chat completion requests received, whatever was answered
 * @param completed requests answered with a completion (status 200)
 * @param throttled requests answered 429 (scripted, or over the server's own rate limit)
 * @param failed requests answered with an injected 5xx error or during an outage
 * @param maxConcurrent the most chat requests in flight at one moment
 * @param promptTokens prompt tokens of completed requests (the fake counts about four characters to
 *     a token)
 * @param completionTokens completion tokens of completed requests (one per streamed word)
 * @param requestsLastMinute requests received in the last 60 seconds
 */
public record FakeLlmStats(
    long requests,
    long completed,
    long throttled,
    long failed,
    int maxConcurrent,
    long promptTokens,
    long completionTokens,
    long requestsLastMinute) {}
