package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.InvalidInputException;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.store.RunInfo;
import dev.spool.store.SignalResult;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Telling a run something: a signal for its {@code awaitSignal}, or a cancel request. Both are
 * store writes the workers pick up; the API plane never calls a worker.
 */
public final class ControlRoutes {
  private final Spool spool;
  private final Bodies bodies;

  public ControlRoutes(Spool spool, Bodies bodies) {
    this.spool = spool;
    this.bodies = bodies;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/runs/{id}/signals/{name}", Access.KEY, this::signal),
        Route.post("/v1/runs/{id}/cancel", Access.KEY, this::cancel));
  }

  private void signal(Context ctx) {
    String runId = ctx.pathParam("id");
    String name = ctx.pathParam("name");
    String body = bodies.json(ctx);
    if (body.isBlank()) {
      throw ApiProblem.badRequest(
          "the request body is empty: send the signal's value as JSON (null, a number, a string,"
              + " an object…)");
    }
    try {
      Json.tree(body);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage());
    }
    Optional<SignalResult> sent;
    try {
      sent = spool.signal(runId, name, body);
    } catch (InvalidInputException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    SignalResult r = sent.orElseThrow(() -> RunRoutes.unknownRun(runId));
    if (!r.delivered()) {
      throw ended(r.run(), "signal '" + name + "' was not delivered");
    }
    ObjectNode out = Responses.object();
    out.put("runId", runId);
    out.put("signal", name);
    out.put("seq", r.event().orElseThrow().seq());
    Responses.json(ctx, 202, out);
  }

  private void cancel(Context ctx) {
    String runId = ctx.pathParam("id");
    String reason = reason(bodies.json(ctx));
    RunInfo before = RunRoutes.find(spool.store(), runId);
    if (before.status() == RunStatus.CANCELLED) {
      answer(ctx, 200, before); // asked twice: the outcome the caller wants already holds
      return;
    }
    if (before.status().isTerminal()) {
      throw ended(before, "it cannot be cancelled");
    }
    RunInfo after = spool.cancel(runId, reason).orElseThrow(() -> RunRoutes.unknownRun(runId));
    if (after.status().isTerminal() && after.status() != RunStatus.CANCELLED) {
      throw ended(after, "it cannot be cancelled"); // it finished between the two reads
    }
    answer(ctx, 202, after);
  }

  private static void answer(Context ctx, int status, RunInfo run) {
    ObjectNode out = Responses.object();
    out.put("runId", run.runId());
    out.put("status", run.status().wireName());
    out.put("cancelRequested", run.cancelRequested());
    Responses.json(ctx, status, out);
  }

  /** The optional body {@code {"reason":"…"}}; an empty body means no reason. */
  private static String reason(String body) {
    return JsonBody.parse(body, "the cancel request", Set.of("reason")).text("reason").orElse("");
  }

  private static ApiProblem ended(RunInfo run, String consequence) {
    return ApiProblem.conflict(
        "run-ended",
        "Run has ended",
        "run "
            + run.runId()
            + " has already ended (status "
            + run.status().wireName()
            + "); "
            + consequence);
  }
}
