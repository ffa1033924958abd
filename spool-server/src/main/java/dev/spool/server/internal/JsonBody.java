package dev.spool.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.util.Optional;
import java.util.Set;

/**
 * An optional JSON object body with a fixed set of fields: an empty body is an empty object, and an
 * unknown field, a body that is not an object or not JSON is a 400 problem naming what is wrong.
 */
final class JsonBody {
  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  static JsonBody parse(String body, String what, Set<String> fields) {
    if (body.isBlank()) {
      return new JsonBody(Json.mapper().createObjectNode());
    }
    JsonNode n;
    try {
      n = Json.tree(body);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage());
    }
    if (!n.isObject()) {
      throw ApiProblem.badRequest(
          "the body of " + what + " must be a JSON object with the fields " + names(fields));
    }
    var names = n.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!fields.contains(f)) {
        throw ApiProblem.badRequest(
            "unknown field '" + f + "' in " + what + ": accepted are " + names(fields));
      }
    }
    return new JsonBody(n);
  }

  private static String names(Set<String> fields) {
    return String.join(", ", new java.util.TreeSet<>(fields));
  }

  /** A string field, absent when missing or null; a 400 problem when not a short string. */
  Optional<String> text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().length() > 1000) {
      throw ApiProblem.badRequest("\"" + field + "\" must be a string of at most 1000 characters");
    }
    return Optional.of(v.asText());
  }

  /** A field's JSON as text, absent when missing. */
  Optional<String> json(String field) {
    JsonNode v = node.get(field);
    return v == null ? Optional.empty() : Optional.of(Json.write(v));
  }

  /** A whole-number field, absent when missing or null. */
  Optional<Integer> integer(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.canConvertToInt()) {
      throw ApiProblem.badRequest("\"" + field + "\" must be a whole number");
    }
    return Optional.of(v.intValue());
  }
}
