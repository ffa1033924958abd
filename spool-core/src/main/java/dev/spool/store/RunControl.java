package dev.spool.store;

import java.util.Objects;

/**
 * What a worker must react to in a run it holds, read on its control poll.
 *
 * @param runId a running run leased by the polling worker
 * @param cancelRequested someone asked the run to stop
 * @param lastSignalSeq the sequence number of the run's newest {@code signal.received} event (0 for
 *     none), so a worker notices a signal it has not read yet
 */
public record RunControl(String runId, boolean cancelRequested, long lastSignalSeq) {
  public RunControl {
    Objects.requireNonNull(runId, "runId");
  }
}
