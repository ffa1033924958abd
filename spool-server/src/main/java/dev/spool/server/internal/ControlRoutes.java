package dev.spool.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
    SignalResult r = sent.orElseThrow(() -> unknownRun(runId));
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
    RunInfo after = spool.cancel(runId, reason).orElseThrow(() -> unknownRun(runId));
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
    if (body.isBlank()) {
      return "";
    }
    JsonNode n;
    try {
      n = Json.tree(body);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage());
    }
    if (!n.isObject()) {
      throw ApiProblem.badRequest("the body must be a JSON object such as {\"reason\":\"…\"}");
    }
    var names = n.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!f.equals("reason")) {
        throw ApiProblem.badRequest(
            "unknown field '" + f + "' in the cancel request: only \"reason\" is accepted");
      }
    }
    JsonNode reason = n.get("reason");
    if (reason == null || reason.isNull()) {
      return "";
    }
    if (!reason.isTextual() || reason.asText().length() > 1000) {
      throw ApiProblem.badRequest("\"reason\" must be a string of at most 1000 characters");
    }
    return reason.asText();
  }

  private static ApiProblem unknownRun(String runId) {
    return ApiProblem.notFound(
        "unknown-run",
        "Unknown run",
        "there is no run '" + runId + "' in this store; GET /v1/runs lists runs");
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
