package dev.spool.internal.engine;

import dev.spool.PatchUsage;
import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes {@link PatchUsage} from what runs recorded: every unfinished run of the workflow is read
 * (its checkpoints, one read each), and so are the newest finished ones, to know of patches whose
 * deciding runs all ended while older undecided runs are still in flight.
 */
public final class PatchScan {
  /** Finished runs read for patch ids besides the unfinished ones. */
  static final int FINISHED_LOOKBACK = 200;

  private static final int PAGE = 1000;

  private record Seen(RunInfo run, Map<String, Boolean> decisions) {}

  private PatchScan() {}

  /** The patches the runs of {@code workflow} decided, by id. */
  public static List<PatchUsage> of(RunStore store, String workflow) {
    Map<String, Instant> since = new TreeMap<>();
    // By run id: a run that moves from one status to the next between two listings is seen once.
    Map<String, Seen> unfinished = new LinkedHashMap<>();
    for (RunStatus status : List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.WAITING)) {
      RunQuery query = RunQuery.latest(PAGE).withWorkflow(workflow).withStatus(status);
      List<RunInfo> page;
      do {
        page = store.listRuns(query);
        for (RunInfo run : page) {
          unfinished.computeIfAbsent(
              run.runId(), id -> new Seen(run, decisions(store, run, since)));
        }
        if (!page.isEmpty()) {
          query = query.before(page.get(page.size() - 1).runId());
        }
      } while (page.size() == PAGE);
    }
    for (RunInfo run : store.listRuns(RunQuery.latest(FINISHED_LOOKBACK).withWorkflow(workflow))) {
      if (run.status().isTerminal()) {
        decisions(store, run, since);
      }
    }
    List<PatchUsage> out = new ArrayList<>();
    since.forEach(
        (id, first) -> {
          int yes = 0;
          int no = 0;
          int open = 0;
          for (Seen s : unfinished.values()) {
            Boolean d = s.decisions().get(id);
            if (d != null) {
              yes += d ? 1 : 0;
              no += d ? 0 : 1;
            } else if (s.run().startedAt().map(t -> t.isBefore(first)).orElse(false)) {
              open++;
            }
          }
          out.add(new PatchUsage(workflow, id, first, yes, no, open));
        });
    return out;
  }

  /**
   * The run's answers by patch id ({@code false} if any place answered false: the run takes the old
   * branch somewhere); notes the earliest time each was given in {@code since}.
   */
  private static Map<String, Boolean> decisions(
      RunStore store, RunInfo run, Map<String, Instant> since) {
    Map<String, Boolean> out = new HashMap<>();
    for (Checkpoint c : store.checkpoints(run.runId())) {
      Optional<Map.Entry<String, Boolean>> d = Patches.answer(c);
      if (d.isPresent()) {
        out.merge(d.get().getKey(), d.get().getValue(), Boolean::logicalAnd);
        since.merge(d.get().getKey(), c.at(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return out;
  }
}
