package dev.spool.llm;

/** The model's replies did not fit the requested type, attempt after attempt. */
public class LlmOutputException extends RuntimeException {
  public LlmOutputException(String message) {
    super(message);
  }
}
