package dev.spool.store;

import java.util.Objects;

/**
 * The outcome of {@link RunStore#retryRun}.
 *
 * @param run the run afterwards
 * @param retried true if the run was requeued; false when {@link RunRules#retry} refused (then
 *     nothing was written and {@link RunRules#retryRefusal} says why)
 */
public record RetryResult(RunInfo run, boolean retried) {
  public RetryResult {
    Objects.requireNonNull(run, "run");
  }
}
