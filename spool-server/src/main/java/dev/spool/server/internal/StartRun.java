package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.InvalidInputException;
import dev.spool.RunInput;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.CreateResult;
import dev.spool.store.RunInfo;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /v1/workflows/{name}/runs[?version=V]}: checks the input, then enqueues the run once,
 * on the named version or the newest registered here. The only write the API plane makes for a run;
 * every rejection happens before it.
 */
public final class StartRun {
  private static final int MAX_KEY_LENGTH = 200;

  private final Spool spool;
  private final Bodies bodies;

  public StartRun(Spool spool, Bodies bodies) {
    this.spool = spool;
    this.bodies = bodies;
  }

  public Route route() {
    return Route.post("/v1/workflows/{name}/runs", Access.KEY, this::handle);
  }

  private void handle(Context ctx) {
    Workflow<?, ?> wf =
        WorkflowRoutes.find(
            spool.registry(),
            ctx.pathParam("name"),
            Optional.ofNullable(ctx.queryParam("version")));
    Optional<String> key = idempotencyKey(ctx);
    RunInput<?> input = parse(wf, bodies.json(ctx));
    CreateResult created = spool.start(input, key);
    RunInfo run = created.run();
    if (!created.created()) {
      checkSameRequest(run, wf, input.json(), key.orElseThrow());
      ctx.header("Idempotent-Replayed", "true");
    } else {
      ctx.header("Location", RunJson.statusUrl(run.runId()));
    }
    ObjectNode out = Responses.object();
    out.put("runId", run.runId());
    out.put("workflow", run.workflow());
    out.put("version", run.version());
    out.put("status", run.status().wireName());
    out.put("created", created.created());
    out.put("statusUrl", RunJson.statusUrl(run.runId()));
    out.put("eventsUrl", RunJson.statusUrl(run.runId()) + "/events");
    out.put("resultUrl", RunJson.statusUrl(run.runId()) + "/result");
    Responses.json(ctx, created.created() ? 202 : 200, out);
  }

  /** Malformed JSON is a bad request (400); well-formed input that does not fit is 422. */
  private static RunInput<?> parse(Workflow<?, ?> wf, String body) {
    if (body.isBlank()) {
      throw ApiProblem.badRequest(
          "the request body is empty: send the input of workflow '"
              + wf.name()
              + "' as JSON (GET /v1/workflows/"
              + wf.name()
              + " shows its input schema)");
    }
    try {
      return RunInput.parse(wf, body);
    } catch (InvalidInputException e) {
      throw e.jsonSyntaxError()
          .map(
              why ->
                  new ApiProblem(
                      400,
                      "malformed-json",
                      "Malformed JSON",
                      "the body is not valid JSON: " + why))
          .orElseGet(() -> new ApiProblem(422, "invalid-input", "Invalid input", e.getMessage()));
    }
  }

  private static Optional<String> idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key == null) {
      return Optional.empty();
    }
    if (key.isEmpty()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw ApiProblem.badRequest(
          "the Idempotency-Key header must be 1 to "
              + MAX_KEY_LENGTH
              + " printable ASCII characters (got "
              + key.length()
              + " characters)");
    }
    return Optional.of(key);
  }

  /** A key names one request: reusing it for something else is a client bug, not a replay. */
  private static void checkSameRequest(
      RunInfo run, Workflow<?, ?> wf, String canonical, String key) {
    if (!run.workflow().equals(wf.name())) {
      throw ApiProblem.conflict(
          "idempotency-key-reused",
          "Idempotency key reused",
          "Idempotency-Key '"
              + key
              + "' already started run "
              + run.runId()
              + " of workflow '"
              + run.workflow()
              + "', not '"
              + wf.name()
              + "'; use a new key for a new run");
    }
    if (!run.input().equals(canonical)) {
      throw ApiProblem.conflict(
          "idempotency-key-reused",
          "Idempotency key reused",
          "Idempotency-Key '"
              + key
              + "' already started run "
              + run.runId()
              + " with a different input; use a new key for a new run, or send the same input"
              + " to get that run back");
    }
  }
}
