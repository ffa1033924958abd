package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Event;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.store.FleetStore;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunRules;
import dev.spool.store.RunStore;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading runs: the list, one run, and its result (waiting for it if asked). */
public final class RunRoutes {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;
  private static final Duration MAX_RESULT_WAIT = Duration.ofMinutes(5);

  /** A worker that beat within this long counts as live (workers beat every few seconds). */
  private static final Duration LIVE_WORKER = Duration.ofSeconds(30);

  private final Spool spool;
  private final RunStore store;
  private final FleetStore fleet;
  private final RunTails tails;
  private final Blocking blocking;

  public RunRoutes(Spool spool, RunTails tails, Blocking blocking) {
    this.spool = spool;
    this.store = spool.store();
    this.fleet = spool.store().fleet();
    this.tails = tails;
    this.blocking = blocking;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/runs", Access.KEY, this::list),
        Route.get("/v1/runs/{id}", Access.KEY, this::one),
        Route.get("/v1/runs/{id}/result", Access.KEY, this::result));
  }

  /**
   * The run of that id.
   *
   * @throws ApiProblem 404
   */
  static RunInfo find(RunStore store, String runId) {
    return store.getRun(runId).orElseThrow(() -> unknownRun(runId));
  }

  /** The 404 problem for a run id the store does not know. */
  static ApiProblem unknownRun(String runId) {
    return ApiProblem.notFound(
        "unknown-run",
        "Unknown run",
        "there is no run '" + runId + "' in this store; GET /v1/runs lists runs");
  }

  private void list(Context ctx) {
    RunQuery q = RunQuery.latest(1);
    int limit = limit(ctx.queryParam("limit"));
    String status = ctx.queryParam("status");
    if (status != null && !status.isEmpty()) {
      try {
        q = q.withStatus(RunStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("status=" + status + ": " + e.getMessage());
      }
    }
    String workflow = ctx.queryParam("workflow");
    if (workflow != null && !workflow.isEmpty()) {
      q = q.withWorkflow(workflow);
    }
    String before = ctx.queryParam("before");
    if (before != null && !before.isEmpty()) {
      if (store.getRun(before).isEmpty()) {
        throw ApiProblem.badRequest(
            "before=" + before + " names no run: pass the \"next\" value of the previous page");
      }
      q = q.before(before);
    }
    // One more than asked tells whether another page follows, without an empty last page.
    int fetch = Math.min(limit + 1, MAX_LIMIT);
    List<RunInfo> runs =
        store.listRuns(new RunQuery(q.status(), q.workflow(), q.beforeRunId(), fetch));
    boolean more = runs.size() > limit || (limit == MAX_LIMIT && runs.size() == MAX_LIMIT);
    List<RunInfo> page = runs.subList(0, Math.min(limit, runs.size()));
    ObjectNode out = Responses.object();
    ArrayNode items = out.putArray("runs");
    var now = spool.clock().now();
    page.forEach(r -> items.add(RunJson.of(r, now)));
    if (more && !page.isEmpty()) {
      out.put("next", page.get(page.size() - 1).runId());
    } else {
      out.putNull("next");
    }
    Responses.json(ctx, 200, out);
  }

  private static int limit(String param) {
    if (param == null || param.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(param);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badRequest(
        "limit=" + param + " is not valid: use a whole number from 1 to " + MAX_LIMIT);
  }

  private void one(Context ctx) {
    RunInfo run = find(store, ctx.pathParam("id"));
    Instant now = spool.clock().now();
    ObjectNode json = RunJson.of(run, now);
    boolean claimable = RunRules.claimable(run, now, Optional.empty());
    boolean noWorker =
        claimable
            && fleet.workers(now.minus(LIVE_WORKER)).stream()
                .noneMatch(w -> w.deployment().equals(run.deployment()));
    json.put("waitingForWorker", noWorker);
    if (noWorker) {
      json.put(
          "note",
          "no live worker of deployment "
              + run.deployment()
              + ": the run starts when one is up (spool worker --deployment "
              + run.deployment()
              + ")");
    }
    Responses.json(ctx, 200, json);
  }

  /**
   * Answers at once when the run has ended; otherwise waits on the run's event stream (no polling)
   * for its terminal event, up to {@code ?wait=}.
   */
  private void result(Context ctx) throws InterruptedException {
    String runId = ctx.pathParam("id");
    Duration wait =
        Waits.parse(Optional.ofNullable(ctx.queryParam("wait")), Duration.ZERO, MAX_RESULT_WAIT);
    RunInfo run = find(store, runId);
    long deadline = System.nanoTime() + wait.toNanos();
    try (Blocking.Section ignored = blocking.enter()) {
      if (!run.status().isTerminal() && !wait.isZero()) {
        run = awaitEnd(run, deadline);
      }
    }
    ObjectNode out = Responses.object();
    out.put("runId", run.runId());
    out.put("status", run.status().wireName());
    if (!run.status().isTerminal()) {
      ctx.header("Retry-After", "1");
      Responses.json(ctx, 202, out);
      return;
    }
    if (run.status() == RunStatus.COMPLETED) {
      out.set("result", Responses.raw(run.result()));
    } else {
      out.set("error", Responses.raw(run.error()));
    }
    Responses.json(ctx, 200, out);
  }

  /** Follows the run through its shared tail until its terminal event or the deadline. */
  private RunInfo awaitEnd(RunInfo run, long deadline) throws InterruptedException {
    try (RunTails.Follower follower = tails.follow(run, run.lastSeq())) {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return run;
        }
        List<Event> events = follower.next(500, Duration.ofNanos(left));
        if (events.stream().anyMatch(Event::isTerminal)) {
          return find(store, run.runId());
        }
      }
    }
  }
}
