package dev.spool.llm;

/**
 * Every provider failed the call (outage, open breaker, throttled past the wait budget). It is an
 * ordinary exception: the LLM step's retry policy may retry it later, its fallback may answer.
 */
public class LlmUnavailableException extends RuntimeException {
  public LlmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
