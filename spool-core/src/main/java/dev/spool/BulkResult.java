package dev.spool;

import java.util.List;

/**
 * What a bulk action did.
 *
 * @param matched how many runs the filter matched
 * @param affected the ids of the runs it retried or cancelled, newest first; the others matched but
 *     were in no state for it (a completed run is not retried, a finished one not cancelled)
 */
public record BulkResult(int matched, List<String> affected) {
  public BulkResult {
    affected = List.copyOf(affected);
  }

  public int count() {
    return affected.size();
  }
}
