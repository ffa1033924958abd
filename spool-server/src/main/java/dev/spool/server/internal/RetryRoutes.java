package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.BulkResult;
import dev.spool.Durations;
import dev.spool.InvalidInputException;
import dev.spool.RunFilter;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.UnknownStepException;
import dev.spool.store.CreateResult;
import dev.spool.store.RetryResult;
import dev.spool.store.RunRules;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ways back from a failure: retry a failed or cancelled run from its checkpoints, fork a run from
 * one of its steps, and retry or cancel many runs by filter. Each is a store write; workers pick
 * the runs up.
 */
public final class RetryRoutes {
  private final Spool spool;
  private final Bodies bodies;

  public RetryRoutes(Spool spool, Bodies bodies) {
    this.spool = spool;
    this.bodies = bodies;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/runs/{id}/retry", Access.KEY, this::retry),
        Route.post("/v1/runs/{id}/fork", Access.KEY, this::fork),
        Route.post("/v1/runs/retry", Access.KEY, this::retryAll),
        Route.post("/v1/runs/cancel", Access.KEY, this::cancelAll));
  }

  private void retry(Context ctx) {
    String runId = ctx.pathParam("id");
    String reason =
        JsonBody.parse(bodies.json(ctx), "a retry request", Set.of("reason"))
            .text("reason")
            .orElse("");
    RetryResult r = spool.retry(runId, reason).orElseThrow(() -> RunRoutes.unknownRun(runId));
    if (!r.retried()) {
      throw ApiProblem.conflict(
          "not-retryable", "Run cannot be retried", RunRules.retryRefusal(r.run()));
    }
    ObjectNode out = Responses.object();
    out.put("runId", runId);
    out.put("status", r.run().status().wireName());
    out.put("statusUrl", RunJson.statusUrl(runId));
    Responses.json(ctx, 202, out);
  }

  private void fork(Context ctx) {
    String runId = ctx.pathParam("id");
    JsonBody body = JsonBody.parse(bodies.json(ctx), "a fork request", Set.of("fromStep", "input"));
    String fromStep =
        body.text("fromStep")
            .orElseThrow(
                () ->
                    ApiProblem.badRequest(
                        "a fork needs \"fromStep\": the path of the step to run from, as the"
                            + " run's events show it (for example \"steps/step#6\")"));
    CreateResult created;
    try {
      created =
          spool
              .fork(runId, fromStep, body.json("input"))
              .orElseThrow(() -> RunRoutes.unknownRun(runId));
    } catch (UnknownStepException e) {
      throw new ApiProblem(422, "unknown-step", "Unknown step", e.getMessage());
    } catch (InvalidInputException e) {
      throw new ApiProblem(422, "invalid-input", "Invalid input", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(422, "unknown-workflow", "Unknown workflow", e.getMessage());
    }
    String id = created.run().runId();
    ObjectNode out = Responses.object();
    out.put("runId", id);
    out.put("forkedFrom", runId);
    out.put("fromStep", fromStep);
    out.put("status", created.run().status().wireName());
    out.put("statusUrl", RunJson.statusUrl(id));
    ctx.header("Location", RunJson.statusUrl(id));
    Responses.json(ctx, 201, out);
  }

  private void retryAll(Context ctx) {
    Bulk b = bulk(ctx, "a bulk retry");
    answer(ctx, spool.retryAll(b.filter(), b.reason()));
  }

  private void cancelAll(Context ctx) {
    Bulk b = bulk(ctx, "a bulk cancel");
    answer(ctx, spool.cancelAll(b.filter(), b.reason()));
  }

  private record Bulk(RunFilter filter, String reason) {}

  /** {@code {"workflow","status","since","limit","reason"}}: every field optional. */
  private Bulk bulk(Context ctx, String what) {
    JsonBody body =
        JsonBody.parse(
            bodies.json(ctx), what, Set.of("workflow", "status", "since", "limit", "reason"));
    RunFilter f = RunFilter.all();
    Optional<String> workflow = body.text("workflow");
    if (workflow.isPresent()) {
      f = f.workflow(workflow.get());
    }
    Optional<String> status = body.text("status");
    try {
      if (status.isPresent()) {
        f = f.status(RunStatus.fromWire(status.get()));
      }
      Optional<String> since = body.text("since");
      if (since.isPresent()) {
        f = f.createdSince(since(since.get()));
      }
      Optional<Integer> limit = body.integer("limit");
      if (limit.isPresent()) {
        f = f.limit(limit.get());
      }
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    return new Bulk(f, body.text("reason").orElse(""));
  }

  /** An ISO-8601 instant, or a duration before now ({@code 24h}, {@code 30m}). */
  private Instant since(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return spool.clock().now().minus(Durations.parse(text));
      } catch (IllegalArgumentException e2) {
        throw new IllegalArgumentException(
            "\"since\" must be an instant such as 2026-12-03T10:00:00Z or a duration such as 24h,"
                + " got '"
                + text
                + "'");
      }
    }
  }

  private static void answer(Context ctx, BulkResult r) {
    ObjectNode out = Responses.object();
    out.put("matched", r.matched());
    out.put("count", r.count());
    ArrayNode ids = out.putArray("runIds");
    r.affected().forEach(ids::add);
    Responses.json(ctx, 200, out);
  }
}
