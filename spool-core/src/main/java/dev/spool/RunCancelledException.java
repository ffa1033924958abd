package dev.spool;

/** The run was cancelled; thrown at the next step boundary or interruptible wait. */
public final class RunCancelledException extends SpoolException {
  public RunCancelledException(String runId) {
    super("run " + runId + " was cancelled");
  }
}
