package dev.spool.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.client.SpoolClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the fields of one JSON object the server sent; a missing or mistyped field is a {@link
 * SpoolClientException} naming it and the request, never a null. Unknown fields are ignored, so a
 * newer server's additions do not break an older client.
 */
final class Fields {
  private final JsonNode node;
  private final String source;

  Fields(JsonNode node, String source) {
    if (!node.isObject()) {
      throw new SpoolClientException(source + " sent " + node.getNodeType() + ", not an object");
    }
    this.node = node;
    this.source = source;
  }

  /** Parses a whole answer body that must be one JSON object. */
  static Fields parse(String body, String source) {
    return new Fields(tree(body, source), source);
  }

  static JsonNode tree(String body, String source) {
    try {
      return Json.tree(body);
    } catch (IllegalArgumentException e) {
      throw new SpoolClientException(
          source + " sent something that is not JSON: " + e.getMessage());
    }
  }

  Fields object(String field) {
    return new Fields(present(field), source + " field \"" + field + "\"");
  }

  JsonNode node(String field) {
    return present(field);
  }

  String text(String field) {
    JsonNode v = present(field);
    if (!v.isTextual()) {
      throw wrong(field, "a string");
    }
    return v.asText();
  }

  Optional<String> optText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw wrong(field, "a string or null");
    }
    return Optional.of(v.asText());
  }

  long longValue(String field) {
    JsonNode v = present(field);
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw wrong(field, "a whole number");
    }
    return v.asLong();
  }

  Optional<Long> optLong(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(longValue(field));
  }

  int intValue(String field) {
    long v = longValue(field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw wrong(field, "a whole number that fits an int");
    }
    return (int) v;
  }

  boolean bool(String field) {
    JsonNode v = present(field);
    if (!v.isBoolean()) {
      throw wrong(field, "true or false");
    }
    return v.asBoolean();
  }

  Instant instant(String field) {
    return parseInstant(field, text(field));
  }

  Optional<Instant> optInstant(String field) {
    return optText(field).map(t -> parseInstant(field, t));
  }

  RunStatus status(String field) {
    try {
      return RunStatus.fromWire(text(field));
    } catch (IllegalArgumentException e) {
      throw new SpoolClientException(source + " field \"" + field + "\": " + e.getMessage());
    }
  }

  /** Any JSON value, as compact JSON text; JSON {@code null} counts as missing. */
  String json(String field) {
    return present(field).toString();
  }

  /** Any JSON value as compact JSON text, empty when absent or {@code null}. */
  Optional<String> optJson(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.toString());
  }

  private Instant parseInstant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw wrong(field, "an ISO-8601 instant");
    }
  }

  private JsonNode present(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new SpoolClientException(source + " sent no \"" + field + "\"");
    }
    return v;
  }

  private SpoolClientException wrong(String field, String expected) {
    return new SpoolClientException(
        source + " sent \"" + field + "\": " + node.get(field) + ", expected " + expected);
  }
}
