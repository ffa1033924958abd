package dev.spool.internal;

import dev.spool.BulkResult;
import dev.spool.RunFilter;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A bulk action: walks the runs a {@link RunFilter} matches, newest first, page by page, and
 * applies the action to each. Each run's change is atomic on its own; the walk as a whole is not (a
 * run created while it walks may or may not be taken).
 */
public final class Bulk {
  private static final int PAGE = 200;

  private Bulk() {}

  /**
   * Applies {@code action} to every run the filter matches, up to its limit.
   *
   * @param action true if it changed the run
   */
  public static BulkResult apply(RunStore store, RunFilter filter, Predicate<RunInfo> action) {
    RunQuery q = new RunQuery(filter.status(), filter.workflow(), Optional.empty(), PAGE);
    int matched = 0;
    List<String> affected = new ArrayList<>();
    while (matched < filter.limit()) {
      List<RunInfo> page = store.listRuns(q);
      for (RunInfo run : page) {
        if (filter.createdSince().map(run.createdAt()::isBefore).orElse(false)) {
          return new BulkResult(matched, affected);
        }
        matched++;
        if (action.test(run)) {
          affected.add(run.runId());
        }
        if (matched == filter.limit()) {
          break;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      q = q.before(page.get(page.size() - 1).runId());
    }
    return new BulkResult(matched, affected);
  }
}
