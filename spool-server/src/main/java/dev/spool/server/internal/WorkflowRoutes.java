package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.PatchUsage;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.WorkflowRegistry;
import dev.spool.store.FleetStore;
import dev.spool.store.WorkflowVersion;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /v1/workflows} and {@code GET /v1/workflows/{name}}: what can be started, how, and
 * every version with its runs in flight (also versions this process no longer registers, while runs
 * of them are unfinished), and the patches its runs decided, with the unfinished runs that still
 * need each one's old branch.
 */
public final class WorkflowRoutes {
  private final Spool spool;
  private final WorkflowRegistry registry;
  private final FleetStore fleet;

  public WorkflowRoutes(Spool spool) {
    this.spool = spool;
    this.registry = spool.registry();
    this.fleet = spool.store().fleet();
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/workflows", Access.KEY, this::list),
        Route.get("/v1/workflows/{name}", Access.KEY, this::one));
  }

  private void list(Context ctx) {
    ArrayNode out = Json.mapper().createArrayNode();
    Map<WorkflowVersion, Long> inFlight = fleet.inFlightByVersion();
    registry
        .all()
        .forEach(
            wf ->
                out.add(
                    withVersions(describe(wf), wf.name(), inFlight).set("patches", patches(wf))));
    Responses.json(ctx, 200, out);
  }

  private void one(Context ctx) {
    Workflow<?, ?> wf =
        find(registry, ctx.pathParam("name"), Optional.ofNullable(ctx.queryParam("version")));
    Responses.json(
        ctx,
        200,
        withVersions(describe(wf), wf.name(), fleet.inFlightByVersion())
            .set("patches", patches(wf)));
  }

  /** Every version of the workflow: registered here, or with runs still in flight. */
  private ObjectNode withVersions(ObjectNode n, String name, Map<WorkflowVersion, Long> inFlight) {
    Map<String, Long> counts = new TreeMap<>(WorkflowVersion::compareVersions);
    registry.versions(name).forEach(v -> counts.put(v.versionId(), 0L));
    inFlight.forEach(
        (v, count) -> {
          if (v.name().equals(name)) {
            counts.put(v.version(), count);
          }
        });
    ArrayNode versions = n.putArray("versions");
    counts.forEach(
        (v, count) -> {
          ObjectNode e = versions.addObject();
          e.put("version", v);
          e.put("registered", registry.find(name, v).isPresent());
          e.put("runsInFlight", count);
        });
    return n;
  }

  /**
   * The registered workflow of that name.
   *
   * @throws ApiProblem 404 naming the registered workflows
   */
  static Workflow<?, ?> find(WorkflowRegistry registry, String name, Optional<String> version) {
    if (version.isPresent() && registry.find(name).isPresent()) {
      return registry
          .find(name, version.get())
          .orElseThrow(
              () ->
                  ApiProblem.notFound(
                      "unknown-workflow-version",
                      "Unknown workflow version",
                      "workflow '"
                          + name
                          + "' has no version '"
                          + version.get()
                          + "' here (registered: "
                          + String.join(
                              ", ",
                              registry.versions(name).stream().map(Workflow::versionId).toList())
                          + "); leave out ?version= to start the newest"));
    }
    return registry
        .find(name)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "unknown-workflow",
                    "Unknown workflow",
                    "no workflow named '"
                        + name
                        + "' is registered (registered: "
                        + String.join(", ", registry.all().stream().map(Workflow::name).toList())
                        + "); GET /v1/workflows lists them with their input schemas"));
  }

  private ArrayNode patches(Workflow<?, ?> wf) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (PatchUsage p : spool.patches(wf.name())) {
      ObjectNode n = out.addObject();
      n.put("patch", p.patch());
      n.put("since", p.since().toString());
      n.put("newPath", p.newPath());
      n.put("oldPath", p.oldPath());
      n.put("notReached", p.notReached());
      n.put("mayTakeOldPath", p.mayTakeOldPath());
      n.put("oldBranchCanGo", p.oldBranchCanGo());
    }
    return out;
  }

  static ObjectNode describe(Workflow<?, ?> wf) {
    ObjectNode n = Responses.object();
    n.put("name", wf.name());
    n.put("version", wf.versionId());
    n.put("description", wf.describe());
    n.set("inputSchema", JsonSchemas.of(wf.inputType()));
    n.set("outputSchema", JsonSchemas.of(wf.outputType()));
    return n;
  }
}
