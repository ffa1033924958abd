package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.PatchUsage;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.WorkflowRegistry;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /v1/workflows} and {@code GET /v1/workflows/{name}}: what can be started, how, and the
 * patches its runs decided, with the unfinished runs that still need each one's old branch.
 */
public final class WorkflowRoutes {
  private final Spool spool;
  private final WorkflowRegistry registry;

  public WorkflowRoutes(Spool spool) {
    this.spool = spool;
    this.registry = spool.registry();
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/workflows", Access.KEY, this::list),
        Route.get("/v1/workflows/{name}", Access.KEY, this::one));
  }

  private void list(Context ctx) {
    ArrayNode out = Json.mapper().createArrayNode();
    registry.all().forEach(wf -> out.add(describe(wf).set("patches", patches(wf))));
    Responses.json(ctx, 200, out);
  }

  private void one(Context ctx) {
    Workflow<?, ?> wf = find(registry, ctx.pathParam("name"));
    Responses.json(ctx, 200, describe(wf).set("patches", patches(wf)));
  }

  /**
   * The registered workflow of that name.
   *
   * @throws ApiProblem 404 naming the registered workflows
   */
  static Workflow<?, ?> find(WorkflowRegistry registry, String name) {
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
