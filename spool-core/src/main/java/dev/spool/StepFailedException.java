package dev.spool;

/**
 * A called step failed for good: every attempt its retry policy allowed failed and it had no
 * fallback. Thrown from {@link Context#call} to the caller, which may catch it.
 *
 * <p>On replay the same exception is rebuilt from the checkpoint, so branch on {@link #errorType()}
 * and {@link #errorMessage()} rather than on {@link #getCause()}, which only the first execution
 * has.
 */
public final class StepFailedException extends SpoolException {
  private final String path;
  private final String component;
  private final int attempts;
  private final String errorType;
  private final String errorMessage;

  public StepFailedException(
      String path,
      String component,
      int attempts,
      String errorType,
      String errorMessage,
      Throwable cause) {
    super(
        "step "
            + path
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + errorType
            + (errorMessage.isEmpty() ? "" : ": " + errorMessage),
        cause);
    this.path = path;
    this.component = component;
    this.attempts = attempts;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  public String path() {
    return path;
  }

  public String component() {
    return component;
  }

  public int attempts() {
    return attempts;
  }

  /** The class name of the error the last attempt threw. */
  public String errorType() {
    return errorType;
  }

  public String errorMessage() {
    return errorMessage;
  }
}
