package dev.spool.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error from a provider that keeps what LangChain4j's own {@link HttpException} drops: how
 * long the provider asked callers to wait ({@code Retry-After}, or {@code retry-after-ms}). The
 * OpenAI-compatible models of this layer throw it; a custom adapter may throw it too, and the layer
 * finds it anywhere in an error's causes.
 */
public class ProviderHttpException extends HttpException {
  private final transient Optional<Duration> retryAfter;

  public ProviderHttpException(int status, String message, Optional<Duration> retryAfter) {
    super(status, message);
    this.retryAfter = retryAfter;
  }

  /** How long the provider asked to wait before the next request, if it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
