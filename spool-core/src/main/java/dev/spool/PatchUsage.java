package dev.spool;

import java.time.Instant;
import java.util.Objects;

/**
 * How the unfinished runs of a workflow stand towards one {@code ctx.patched(id)}: whether a
 * release may drop the old branch yet. {@link Spool#patches} reports it; {@code GET /v1/workflows}
 * and {@code spool workflows} show it.
 *
 * @param workflow the workflow
 * @param patch the patch id
 * @param since the first time a run decided it: roughly when code with the patch first ran
 * @param newPath unfinished runs that decided {@code true}
 * @param oldPath unfinished runs that decided {@code false}: recorded before the patch, they take
 *     the old branch until they end
 * @param notReached unfinished runs that started before {@code since} and have not decided yet: one
 *     that got past the point on the old code replays the old branch, one that had not takes the
 *     new; which, only the code can tell when they get there
 */
public record PatchUsage(
    String workflow, String patch, Instant since, int newPath, int oldPath, int notReached) {
  public PatchUsage {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(since, "since");
  }

  /** Unfinished runs that take, or may take, the old branch. */
  public int mayTakeOldPath() {
    return oldPath + notReached;
  }

  /** Whether a release may delete the {@code patched} call and its old branch now. */
  public boolean oldBranchCanGo() {
    return mayTakeOldPath() == 0;
  }
}
