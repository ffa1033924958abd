package dev.spool.cli.internal;

/** Ends a command with an exit code and a one-line reason for stderr. */
public final class CliException extends RuntimeException {
  /** Bad input: arguments, JSON, store URI, unknown run. Nothing was written. */
  public static final int USAGE = 2;

  /** The run failed or was cancelled, or something went wrong while it ran. */
  public static final int FAILED = 1;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
