package dev.spool.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import io.javalin.http.Context;
import java.util.Optional;

/** Small helpers to answer JSON without a JSON-mapper plugin: Spool's own mapper writes it all. */
public final class Responses {
  public static final String JSON = "application/json";

  private Responses() {}

  public static ObjectNode object() {
    return Json.mapper().createObjectNode();
  }

  public static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType(JSON).result(Json.write(body));
  }

  /** Stored JSON text (inputs, results, errors) embedded as JSON, or {@code null} when absent. */
  public static JsonNode raw(Optional<String> json) {
    return json.map(Json::tree).orElse(NullNode.getInstance());
  }

  public static JsonNode raw(String json) {
    return Json.tree(json);
  }
}
