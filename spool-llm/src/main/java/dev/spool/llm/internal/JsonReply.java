package dev.spool.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a model's reply as a record (or any Jackson type), strictly, with a one-line reason. */
public final class JsonReply {
  private JsonReply() {}

  /**
   * The reply as {@code type}: a code fence around it is tolerated, anything else is not.
   *
   * @throws IllegalArgumentException saying what does not fit, for the model to correct
   */
  public static <T> T read(String reply, Class<T> type) {
    String text = unfence(reply.strip());
    JsonNode tree;
    try {
      tree = Json.tree(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (type.isRecord()) {
      if (!tree.isObject()) {
        throw new IllegalArgumentException("expected a JSON object, got " + tree.getNodeType());
      }
      List<String> missing = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) {
        JsonNode v = tree.get(c.getName());
        if ((v == null || v.isNull()) && c.getType() != Optional.class) {
          missing.add(c.getName());
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("missing or null fields: " + String.join(", ", missing));
      }
    }
    try {
      T value = Json.mapper().treeToValue(tree, type);
      if (value == null) {
        throw new IllegalArgumentException("the reply is null");
      }
      return value;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(Json.describe(e), e);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
    }
  }

  /** The fields a record type asks for, for the instruction that goes with the prompt. */
  public static String shape(Class<?> type) {
    if (!type.isRecord()) {
      return "a JSON value that reads as " + type.getSimpleName();
    }
    StringBuilder sb = new StringBuilder("a JSON object with exactly these fields: ");
    RecordComponent[] cs = type.getRecordComponents();
    for (int i = 0; i < cs.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String t = cs[i].getGenericType().getTypeName().replaceAll("[a-z0-9_]+\\.", "");
      sb.append('"').append(cs[i].getName()).append("\" (").append(t).append(')');
    }
    return sb.toString();
  }

  private static String unfence(String s) {
    if (s.startsWith("```")) {
      int nl = s.indexOf('\n');
      int end = s.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        return s.substring(nl + 1, end).strip();
      }
    }
    return s;
  }
}
