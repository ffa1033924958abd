package dev.spool.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment as the store knows it (blue-green): new runs are pinned to the active one; a retired
 * one only finishes the runs pinned to it.
 *
 * @param id the deployment id, chosen by whoever deploys (not a code hash)
 * @param state active, retired, or new (has runs or workers but was never promoted)
 * @param promotedAt when it was last made active
 * @param runsInFlight its runs that are queued, running or waiting
 */
public record DeploymentInfo(
    String id, State state, Optional<Instant> promotedAt, long runsInFlight) {
  public DeploymentInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(promotedAt, "promotedAt");
  }

  /** Where a deployment stands. */
  public enum State {
    /** New runs are pinned to it. */
    ACTIVE,
    /** Was active; finishes its runs, takes no new ones. */
    RETIRED,
    /** Known from its runs or workers, never promoted. */
    NEW;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A retired deployment with nothing left to run: its workers may exit. */
  public boolean drained() {
    return state == State.RETIRED && runsInFlight == 0;
  }
}
