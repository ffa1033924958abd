package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.Workflow;
import dev.spool.WorkflowRegistry;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /v1/workflows} and {@code GET /v1/workflows/{name}}: what can be started, how. */
public final class WorkflowRoutes {
  private final WorkflowRegistry registry;

  public WorkflowRoutes(WorkflowRegistry registry) {
    this.registry = registry;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/workflows", Access.KEY, this::list),
        Route.get("/v1/workflows/{name}", Access.KEY, this::one));
  }

  private void list(Context ctx) {
    ArrayNode out = Json.mapper().createArrayNode();
    registry.all().forEach(wf -> out.add(describe(wf)));
    Responses.json(ctx, 200, out);
  }

  private void one(Context ctx) {
    Responses.json(ctx, 200, describe(find(registry, ctx.pathParam("name"))));
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
