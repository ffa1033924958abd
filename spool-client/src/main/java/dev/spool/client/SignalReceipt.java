package dev.spool.client;

import java.util.Objects;

/**
 * The server stored a signal for a run.
 *
 * @param runId the run
 * @param signal the signal's name
 * @param seq the sequence number of the {@code signal.received} event that holds it
 */
public record SignalReceipt(String runId, String signal, long seq) {
  public SignalReceipt {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(signal, "signal");
  }
}
