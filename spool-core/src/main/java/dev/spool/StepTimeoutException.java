package dev.spool;

import java.time.Duration;

/**
 * One attempt of a step ran past its per-attempt timeout; the retry policy decides what follows.
 */
public final class StepTimeoutException extends SpoolException {
  public StepTimeoutException(String path, Duration timeout) {
    super("attempt of " + path + " timed out after " + timeout.toMillis() + " ms");
  }

  private StepTimeoutException(String message) {
    super(message);
  }

  /** An attempt that went {@code idle} without a heartbeat. */
  public static StepTimeoutException idle(String path, Duration idle) {
    return new StepTimeoutException(
        "attempt of "
            + path
            + " sent no heartbeat for "
            + idle.toMillis()
            + " ms (its idle timeout); call ctx.heartbeat() while it works");
  }
}
