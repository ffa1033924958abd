package dev.spool;

/**
 * The workflow's code no longer matches the steps its run recorded, so replay cannot go on safely.
 * The message names the expected (recorded) and the found (called) step.
 */
public final class NonDeterminismException extends SpoolException {
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
    this.expected = expected;
    this.found = found;
  }

  public NonDeterminismException(String message) {
    super(message);
    this.expected = "";
    this.found = "";
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
