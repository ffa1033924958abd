package dev.spool;

import java.time.Duration;

/**
 * One attempt of a step ran past its per-attempt timeout; the retry policy decides what follows.
 */
public final class StepTimeoutException extends SpoolException {
  public StepTimeoutException(String path, Duration timeout) {
    super("attempt of " + path + " timed out after " + timeout.toMillis() + " ms");
  }
}
