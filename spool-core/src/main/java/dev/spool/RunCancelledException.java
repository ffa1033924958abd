package dev.spool;

/** The run was cancelled; thrown at the next step boundary or interruptible wait. */
public final class RunCancelledException extends SpoolException {
  public RunCancelledException(String runId) {
    this(runId, "");
  }

  /**
   * @param reason what the cancel request said; blank for none
   */
  public RunCancelledException(String runId, String reason) {
    super(
        "run "
            + runId
            + " was cancelled"
            + (reason == null || reason.isBlank() ? "" : ": " + reason));
  }
}
