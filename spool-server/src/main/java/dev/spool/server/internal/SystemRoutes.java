package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.store.RunQuery;
import dev.spool.store.RunStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code GET /health} and {@code GET /v1/openapi.json}: both public. */
public final class SystemRoutes {
  /** The hand-written API description, a resource next to this server's classes. */
  public static final String OPENAPI_RESOURCE = "/dev/spool/server/openapi.json";

  private final RunStore store;
  private final String openApi;

  public SystemRoutes(RunStore store) {
    this.store = store;
    this.openApi = openApiText();
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/health", Access.PUBLIC, this::health),
        Route.get("/v1/openapi.json", Access.PUBLIC, this::openApi));
  }

  /** Healthy means the store answers a read, not merely that this process is up. */
  private void health(Context ctx) {
    try {
      store.listRuns(RunQuery.latest(1));
    } catch (RuntimeException e) {
      throw new ApiProblem(
          503,
          "unhealthy",
          "Store unavailable",
          "the server is up but its store ("
              + store.describe()
              + ") failed a read: "
              + e.getMessage());
    }
    ObjectNode out = Responses.object();
    out.put("status", "ok");
    out.put("store", store.describe());
    Responses.json(ctx, 200, out);
  }

  private void openApi(Context ctx) {
    ctx.status(200).contentType(Responses.JSON).result(openApi);
  }

  public static String openApiText() {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
