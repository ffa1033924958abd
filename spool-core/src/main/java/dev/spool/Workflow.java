package dev.spool;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A named, versioned top-level component registered with the runtime. Its input and output are JSON
 * (records through Jackson); the input type is what the API and UI check inputs against.
 *
 * <p>The version pins a run: a run started on version {@code "1"} resumes only on code registered
 * with version {@code "1"}. A change that alters the order or names of the steps would break the
 * runs in flight on replay; there are two ways to make it:
 *
 * <ul>
 *   <li><b>Patch</b> with {@link Context#patched} inside the same version, when the change is local
 *       (a step added, removed or replaced at one place): {@code if (ctx.patched("id")) {new} else
 *       {old}}. Runs recorded before the change replay the old branch, new runs and runs that had
 *       not reached it take the new one, on the same workers. Once {@code GET /v1/workflows}
 *       reports that no unfinished run may take the old branch, delete it.
 *   <li><b>Bump the version</b> when the workflow is rewritten, or its input or output changes:
 *       runs started on the old version need workers that still have it.
 * </ul>
 */
public final class Workflow<I, O> {
  private final String name;
  private final String version;
  private final Class<I> inputType;
  private final Type outputType;
  private final StepBody<I, O> body;
  private final String description;

  private Workflow(
      String name,
      String version,
      Class<I> inputType,
      Type outputType,
      StepBody<I, O> body,
      String description) {
    this.name = Component.checkName(name);
    this.version = Component.checkName(version);
    this.inputType = Objects.requireNonNull(inputType, "inputType");
    this.outputType = Objects.requireNonNull(outputType, "outputType");
    this.body = Objects.requireNonNull(body, "body");
    this.description = Objects.requireNonNull(description, "description");
  }

  public static <I, O> Workflow<I, O> of(
      String name, Class<I> inputType, Class<O> outputType, StepBody<I, O> body) {
    return new Workflow<>(name, "1", inputType, outputType, body, "");
  }

  public static <I, O> Workflow<I, O> of(
      String name, Class<I> inputType, TypeRef<O> outputType, StepBody<I, O> body) {
    return new Workflow<>(name, "1", inputType, outputType.type(), body, "");
  }

  public Workflow<I, O> version(String v) {
    return new Workflow<>(name, v, inputType, outputType, body, description);
  }

  public Workflow<I, O> description(String text) {
    return new Workflow<>(name, version, inputType, outputType, body, text);
  }

  public String name() {
    return name;
  }

  public String versionId() {
    return version;
  }

  public Class<I> inputType() {
    return inputType;
  }

  public Type outputType() {
    return outputType;
  }

  public StepBody<I, O> body() {
    return body;
  }

  public String describe() {
    return description;
  }

  /**
   * Parses and checks an input.
   *
   * @throws InvalidInputException saying what does not fit, in one line
   */
  public I parseInput(String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidInputException("input for workflow '" + name + "' is empty: expected JSON");
    }
    JsonNode tree;
    try {
      tree = Json.tree(json);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.notJson(e.getMessage());
    }
    checkFields(tree);
    try {
      I value = Json.read(json, inputType);
      if (value == null) {
        throw new InvalidInputException(
            "input for workflow '" + name + "' is null: expected " + inputType.getSimpleName());
      }
      return value;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "input does not fit workflow '"
              + name
              + "' ("
              + inputType.getSimpleName()
              + "): "
              + rootMessage(e));
    }
  }

  /** Names a misspelled or unknown field before Jackson reports the required one it misses. */
  private void checkFields(JsonNode tree) {
    if (!inputType.isRecord() || !tree.isObject()) {
      return;
    }
    List<String> known = new ArrayList<>();
    for (RecordComponent c : inputType.getRecordComponents()) {
      known.add(c.getName());
    }
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new InvalidInputException(
            "input does not fit workflow '"
                + name
                + "': unknown field '"
                + f
                + "' (fields: "
                + String.join(", ", known)
                + ")");
      }
    }
    for (RecordComponent c : inputType.getRecordComponents()) {
      // @JsonProperty does not target record components; Java copies it onto the accessor.
      JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
      boolean required = c.getType().isPrimitive() || (p != null && p.required());
      JsonNode value = tree.get(c.getName());
      if (required && (value == null || value.isNull())) {
        throw new InvalidInputException(
            "input does not fit workflow '"
                + name
                + "': "
                + (value == null ? "missing field '" : "field '")
                + c.getName()
                + (value == null ? "'" : "' must not be null")
                + " ("
                + describeType(c.getType())
                + ")");
      }
    }
  }

  private static String describeType(Class<?> t) {
    if (t == int.class || t == long.class || t == short.class || t == byte.class) {
      return "a whole number";
    }
    if (t == double.class || t == float.class) {
      return "a number";
    }
    if (t == boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    return t.isRecord() || !t.getName().startsWith("java.") ? "an object" : t.getSimpleName();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    // A record's compact constructor that rejects a value says best what is wrong.
    if (t instanceof IllegalArgumentException && t != e && t.getMessage() != null) {
      return t.getMessage();
    }
    return e.getMessage();
  }

  @Override
  public String toString() {
    return "Workflow[" + name + " v" + version + "]";
  }
}
