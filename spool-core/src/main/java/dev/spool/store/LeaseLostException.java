package dev.spool.store;

/**
 * A write was fenced off: the run's lease epoch moved on (another worker claimed it) or the run is
 * no longer running. The writer must stop executing the run at once.
 */
public final class LeaseLostException extends RuntimeException {
  private final String runId;
  private final long epoch;

  public LeaseLostException(String runId, long epoch, String reason) {
    super("lease on run " + runId + " (epoch " + epoch + ") is lost: " + reason);
    this.runId = runId;
    this.epoch = epoch;
  }

  public String runId() {
    return runId;
  }

  public long epoch() {
    return epoch;
  }
}
