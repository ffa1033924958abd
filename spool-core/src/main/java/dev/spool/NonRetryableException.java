package dev.spool;

/**
 * Thrown by a component to say that retrying cannot help (bad input, a refused request). No retry
 * policy retries it; the component's fallback, if any, still applies.
 */
public non-sealed class NonRetryableException extends SpoolException {
  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
