package dev.spool.store;

import java.util.List;
import java.util.Objects;

/**
 * What a forked run starts with: the checkpoints of its source run recorded before the step it
 * forks from, written with the run in the same atomic create.
 *
 * @param sourceRunId the run it was forked from
 * @param fromStep the step path the fork runs from
 * @param checkpoints the source's checkpoints it replays instead of running
 */
public record ForkSeed(String sourceRunId, String fromStep, List<Checkpoint> checkpoints) {
  public ForkSeed {
    Objects.requireNonNull(sourceRunId, "sourceRunId");
    Objects.requireNonNull(fromStep, "fromStep");
    checkpoints = List.copyOf(checkpoints);
  }
}
