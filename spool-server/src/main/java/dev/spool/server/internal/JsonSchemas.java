package dev.spool.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * JSON Schema (draft 2020-12) for a workflow's input and output types, derived from the Java types
 * as Spool's Jackson configuration reads and writes them.
 *
 * <p>A record component is {@code required} exactly when {@code Workflow.parseInput} rejects an
 * input without it: a primitive (Spool's mapper fails on a missing primitive) or a component marked
 * {@code @JsonProperty(required = true)}. Other components may be left out (a boxed or reference
 * type then reads as {@code null}, an {@code Optional} as empty). Records allow no other
 * properties, as {@code parseInput} rejects unknown fields. Nested records go to {@code $defs}, so
 * recursive types work. A type the generator does not know becomes {@code {}} (any JSON), never a
 * guess.
 */
public final class JsonSchemas {
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private final Map<Class<?>, ObjectNode> defs = new LinkedHashMap<>();

  private JsonSchemas() {}

  /** The schema of {@code type}, with {@code $schema} and any {@code $defs} it needs. */
  public static ObjectNode of(Type type) {
    JsonSchemas gen = new JsonSchemas();
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("$schema", DIALECT);
    ObjectNode body =
        type instanceof Class<?> c && c.isRecord() ? gen.record(c) : (ObjectNode) gen.schema(type);
    root.setAll(body);
    if (!gen.defs.isEmpty()) {
      ObjectNode d = root.putObject("$defs");
      gen.defs.forEach((c, s) -> d.set(defName(c), s));
    }
    return root;
  }

  private JsonNode schema(Type type) {
    if (type instanceof Class<?> c) {
      return ofClass(c);
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == Optional.class) {
        return schema(args[0]);
      }
      if (Collection.class.isAssignableFrom(raw)) {
        return array(schema(args[0]), Set.class.isAssignableFrom(raw));
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode n = type("object");
        n.set("additionalProperties", schema(args[1]));
        return n;
      }
      return ofClass(raw);
    }
    if (type instanceof GenericArrayType a) {
      return array(schema(a.getGenericComponentType()), false);
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return schema(w.getUpperBounds()[0]);
    }
    return any(); // an unresolved type variable: any JSON
  }

  private JsonNode ofClass(Class<?> c) {
    if (c == String.class || c == char.class || c == Character.class) {
      return type("string");
    }
    if (c == boolean.class || c == Boolean.class) {
      return type("boolean");
    }
    if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
      return format(type("integer"), "int32");
    }
    if (c == byte.class || c == Byte.class) {
      return type("integer").put("minimum", Byte.MIN_VALUE).put("maximum", Byte.MAX_VALUE);
    }
    if (c == long.class || c == Long.class || c == OptionalLong.class) {
      return format(type("integer"), "int64");
    }
    if (c == OptionalInt.class) {
      return format(type("integer"), "int32");
    }
    if (c == BigInteger.class) {
      return type("integer");
    }
    if (c == double.class
        || c == Double.class
        || c == float.class
        || c == Float.class
        || c == BigDecimal.class
        || c == OptionalDouble.class) {
      return type("number");
    }
    if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
      return format(type("string"), "date-time");
    }
    if (c == LocalDateTime.class) {
      return type("string"); // no offset, so not an RFC 3339 date-time
    }
    if (c == LocalDate.class) {
      return format(type("string"), "date");
    }
    if (c == Duration.class) {
      return format(type("string"), "duration");
    }
    if (c == UUID.class) {
      return format(type("string"), "uuid");
    }
    if (c == byte[].class) {
      return type("string").put("contentEncoding", "base64");
    }
    if (c.isArray()) {
      return array(ofClass(c.getComponentType()), false);
    }
    if (c.isEnum()) {
      ObjectNode n = type("string");
      ArrayNode values = n.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
      return n;
    }
    if (Collection.class.isAssignableFrom(c)) {
      return array(any(), Set.class.isAssignableFrom(c));
    }
    if (Map.class.isAssignableFrom(c)) {
      return type("object");
    }
    if (c.isRecord()) {
      if (!defs.containsKey(c)) {
        defs.put(c, Json.mapper().createObjectNode()); // placeholder: a recursive record ends here
        defs.put(c, record(c));
      }
      return Json.mapper().createObjectNode().put("$ref", "#/$defs/" + defName(c));
    }
    return any();
  }

  private ObjectNode record(Class<?> c) {
    ObjectNode n = type("object");
    ObjectNode props = n.putObject("properties");
    ArrayNode required = Json.mapper().createArrayNode();
    for (RecordComponent rc : c.getRecordComponents()) {
      props.set(rc.getName(), schema(rc.getGenericType()));
      if (isRequired(rc)) {
        required.add(rc.getName());
      }
    }
    if (!required.isEmpty()) {
      n.set("required", required);
    }
    n.put("additionalProperties", false);
    return n;
  }

  private static boolean isRequired(RecordComponent rc) {
    if (rc.getType().isPrimitive()) {
      return true;
    }
    JsonProperty p = rc.getAnnotation(JsonProperty.class);
    if (p == null && rc.getAccessor() != null) {
      p = rc.getAccessor().getAnnotation(JsonProperty.class);
    }
    return p != null && p.required();
  }

  private static String defName(Class<?> c) {
    String name = c.getName();
    return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
  }

  private static ObjectNode type(String t) {
    return Json.mapper().createObjectNode().put("type", t);
  }

  private static ObjectNode format(ObjectNode n, String f) {
    return n.put("format", f);
  }

  private static ObjectNode array(JsonNode items, boolean unique) {
    ObjectNode n = type("array");
    n.set("items", items);
    if (unique) {
      n.put("uniqueItems", true);
    }
    return n;
  }

  private static ObjectNode any() {
    return Json.mapper().createObjectNode();
  }
}
