package dev.spool;

/**
 * The workflow's code no longer matches the steps its run recorded, so replay cannot go on safely.
 * The message names the expected (recorded) and the found (called) step.
 */
public final class NonDeterminismException extends SpoolException {
  private final String where;
  private final String expected;
  private final String found;

  public NonDeterminismException(String where, String expected, String found) {
    super(
        "non-deterministic workflow at "
            + where
            + ": the run recorded step '"
            + expected
            + "' but the code now calls '"
            + found
            + "'");
    this.where = where;
    this.expected = expected;
    this.found = found;
  }

  /** A mismatch at the step path {@code where} that is not about which step was called. */
  public NonDeterminismException(String where, String message) {
    super(message);
    this.where = where;
    this.expected = "";
    this.found = "";
  }

  public NonDeterminismException(String message) {
    this("", message);
  }

  /** The step path where code and record parted, or empty when it concerns the whole run. */
  public String where() {
    return where;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
