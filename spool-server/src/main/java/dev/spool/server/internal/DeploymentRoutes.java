package dev.spool.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.store.DeploymentInfo;
import dev.spool.store.FleetStore;
import dev.spool.store.RunRules;
import dev.spool.store.WorkerBeat;
import dev.spool.store.WorkflowVersion;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Blue-green over HTTP: {@code GET /v1/deployments} (deployments, live workers and what they run),
 * {@code POST /v1/deployments/{id}/promote}, and {@code POST /v1/deployments/move}, which moves the
 * queued runs no worker has started from one deployment to another.
 */
public final class DeploymentRoutes {
  private static final Duration LIVE_WORKER = Duration.ofSeconds(30);
  private static final int MAX_ID = 100;

  private final Spool spool;
  private final FleetStore fleet;
  private final Bodies bodies;

  public DeploymentRoutes(Spool spool, Bodies bodies) {
    this.spool = spool;
    this.fleet = spool.store().fleet();
    this.bodies = bodies;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/deployments", Access.KEY, this::list),
        Route.post("/v1/deployments/{id}/promote", Access.KEY, this::promote),
        Route.post("/v1/deployments/move", Access.KEY, this::move));
  }

  private void list(Context ctx) {
    Instant now = spool.clock().now();
    ObjectNode out = Responses.object();
    fleet
        .activeDeployment()
        .ifPresentOrElse(a -> out.put("active", a), () -> out.putNull("active"));
    ArrayNode deployments = out.putArray("deployments");
    for (DeploymentInfo d : fleet.deployments()) {
      ObjectNode n = deployments.addObject();
      n.put("id", d.id());
      n.put("pinned", !d.id().equals(RunRules.UNPINNED));
      n.put("state", d.state().wireName());
      d.promotedAt()
          .ifPresentOrElse(t -> n.put("promotedAt", t.toString()), () -> n.putNull("promotedAt"));
      n.put("runsInFlight", d.runsInFlight());
      n.put("drained", d.drained());
    }
    ArrayNode workers = out.putArray("workers");
    for (WorkerBeat w : fleet.workers(now.minus(LIVE_WORKER))) {
      ObjectNode n = workers.addObject();
      n.put("id", w.workerId());
      n.put("deployment", w.deployment());
      n.put("activeRuns", w.activeRuns());
      n.put("draining", w.draining());
      n.put("lastBeat", w.at().toString());
      ArrayNode runs = n.putArray("workflows");
      w.workflows().stream().map(WorkflowVersion::key).forEach(runs::add);
    }
    Responses.json(ctx, 200, out);
  }

  private void promote(Context ctx) {
    String id = id(ctx.pathParam("id"), "the deployment id");
    var before = fleet.activeDeployment();
    fleet.promote(id, spool.clock().now());
    ObjectNode out = Responses.object();
    out.put("active", id);
    before
        .filter(b -> !b.equals(id))
        .ifPresentOrElse(b -> out.put("retired", b), () -> out.putNull("retired"));
    Responses.json(ctx, 200, out);
  }

  private void move(Context ctx) {
    JsonNode body;
    try {
      body = Json.tree(bodies.json(ctx));
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage());
    }
    if (!body.isObject() || !body.path("from").isTextual() || !body.path("to").isTextual()) {
      throw new ApiProblem(
          422,
          "invalid-input",
          "Invalid input",
          "send {\"from\": DEPLOYMENT, \"to\": DEPLOYMENT}; \"to\": \"\" unpins the runs, so any"
              + " worker takes them");
    }
    String from = body.get("from").asText();
    String to = body.get("to").asText();
    if (!from.isEmpty()) {
      id(from, "\"from\"");
    }
    if (!to.isEmpty()) {
      id(to, "\"to\"");
    }
    if (from.equals(to)) {
      throw new ApiProblem(
          422, "invalid-input", "Invalid input", "\"from\" and \"to\" are the same");
    }
    int moved = fleet.moveQueued(from, to);
    ObjectNode out = Responses.object();
    out.put("from", from);
    out.put("to", to);
    out.put("moved", moved);
    Responses.json(ctx, 200, out);
  }

  private static String id(String id, String what) {
    if (id.isBlank() || id.length() > MAX_ID || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ApiProblem(
          422,
          "invalid-input",
          "Invalid input",
          what + " must be 1 to " + MAX_ID + " printable characters without spaces");
    }
    return id;
  }
}
