package dev.spool;

/** The exceptions Spool throws into user code. All are unchecked. */
public abstract sealed class SpoolException extends RuntimeException
    permits StepFailedException,
        NonRetryableException,
        NonDeterminismException,
        RunCancelledException,
        StepTimeoutException,
        InvalidInputException {
  protected SpoolException(String message) {
    super(message);
  }

  protected SpoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
