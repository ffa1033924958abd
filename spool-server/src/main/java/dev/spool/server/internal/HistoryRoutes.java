package dev.spool.server.internal;

import dev.spool.RunHistory;
import dev.spool.store.RunStore;
import io.javalin.http.Context;
import java.util.List;

/**
 * A run's recorded history ({@value RunHistory#FORMAT}): the run, its events and its checkpoints,
 * what {@code spool runs export} writes and a replay test reads.
 */
public final class HistoryRoutes {
  private final RunStore store;

  public HistoryRoutes(RunStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/runs/{id}/history", Access.KEY, this::history));
  }

  private void history(Context ctx) {
    String runId = ctx.pathParam("id");
    RunHistory history =
        RunHistory.read(store, runId).orElseThrow(() -> RunRoutes.unknownRun(runId));
    ctx.status(200).contentType(Responses.JSON).result(history.toJson());
  }
}
