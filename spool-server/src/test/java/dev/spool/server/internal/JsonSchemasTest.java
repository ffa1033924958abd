package dev.spool.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.InvalidInputException;
import dev.spool.Json;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.builtin.Builtins;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
  enum Color {
    RED,
    GREEN
  }

  record Inner(String label, Optional<Inner> next) {}

  record Everything(
      String text,
      boolean flag,
      int small,
      long big,
      double ratio,
      Integer boxed,
      BigDecimal money,
      Color color,
      List<String> tags,
      Set<Integer> ids,
      long[] raw,
      Map<String, Double> weights,
      Optional<String> note,
      Inner inner,
      Instant at,
      @JsonProperty(required = true) String must) {}

  @Test
  void recordPropertiesFollowTheJavaTypes() {
    ObjectNode s = JsonSchemas.of(Everything.class);
    JsonNode p = s.get("properties");
    assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(s.get("type").asText()).isEqualTo("object");
    assertThat(s.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(p.get("text")).isEqualTo(tree("{\"type\":\"string\"}"));
    assertThat(p.get("flag")).isEqualTo(tree("{\"type\":\"boolean\"}"));
    assertThat(p.get("small")).isEqualTo(tree("{\"type\":\"integer\",\"format\":\"int32\"}"));
    assertThat(p.get("big")).isEqualTo(tree("{\"type\":\"integer\",\"format\":\"int64\"}"));
    assertThat(p.get("ratio")).isEqualTo(tree("{\"type\":\"number\"}"));
    assertThat(p.get("boxed")).isEqualTo(tree("{\"type\":\"integer\",\"format\":\"int32\"}"));
    assertThat(p.get("money")).isEqualTo(tree("{\"type\":\"number\"}"));
    assertThat(p.get("color"))
        .isEqualTo(tree("{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}"));
    assertThat(p.get("tags"))
        .isEqualTo(tree("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
    assertThat(p.get("ids"))
        .isEqualTo(
            tree(
                "{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"},"
                    + "\"uniqueItems\":true}"));
    assertThat(p.get("raw").get("items").get("format").asText()).isEqualTo("int64");
    assertThat(p.get("weights"))
        .isEqualTo(tree("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\"}}"));
    assertThat(p.get("note")).isEqualTo(tree("{\"type\":\"string\"}"));
    assertThat(p.get("at")).isEqualTo(tree("{\"type\":\"string\",\"format\":\"date-time\"}"));
    assertThat(p.get("inner")).isEqualTo(tree("{\"$ref\":\"#/$defs/JsonSchemasTest.Inner\"}"));
  }

  @Test
  void nestedAndRecursiveRecordsGoToDefs() {
    ObjectNode s = JsonSchemas.of(Everything.class);
    JsonNode inner = s.get("$defs").get("JsonSchemasTest.Inner");
    assertThat(inner.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(inner.get("properties").get("next"))
        .isEqualTo(tree("{\"$ref\":\"#/$defs/JsonSchemasTest.Inner\"}"));
    assertThat(inner.has("required")).isFalse();
  }

  @Test
  void requiredAreThePrimitivesAndTheComponentsMarkedRequired() {
    JsonNode required = JsonSchemas.of(Everything.class).get("required");
    assertThat(Json.mapper().convertValue(required, List.class))
        .containsExactly("flag", "small", "big", "ratio", "must")
        .doesNotContain("boxed", "note", "text", "raw");
  }

  @Test
  void outputTypesFromTypeRefs() {
    assertThat(JsonSchemas.of(new TypeRef<List<String>>() {}.type()))
        .isEqualTo(
            tree(
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                    + "\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
    assertThat(JsonSchemas.of(Object.class).size()).isEqualTo(1); // only $schema: any JSON
  }

  /**
   * The schema's {@code required} must say what {@code Workflow.parseInput} enforces: leaving out a
   * required property fails there, leaving out any other does not.
   */
  @Test
  void requiredMatchesWhatParseInputRejects() {
    Map<String, String> fullInputs =
        Map.of(
            "hello", "{\"name\":\"Ada\",\"chunkMillis\":5}",
            "steps", "{\"steps\":2,\"stepMillis\":1,\"failEvery\":0}",
            "approval", "{\"subject\":\"a raise\",\"timeoutSeconds\":5}");
    List<Workflow<?, ?>> all = new java.util.ArrayList<>(Builtins.all());
    all.add(
        Workflow.of("everything", Everything.class, String.class, (ctx, in) -> "")
            .description("test"));
    Map<String, String> inputs = new java.util.HashMap<>(fullInputs);
    inputs.put(
        "everything",
        "{\"text\":\"t\",\"flag\":true,\"small\":1,\"big\":2,\"ratio\":0.5,\"boxed\":3,"
            + "\"money\":1.25,\"color\":\"RED\",\"tags\":[\"a\"],\"ids\":[1],\"raw\":[1],"
            + "\"weights\":{\"a\":1.0},\"note\":\"n\",\"inner\":{\"label\":\"x\"},"
            + "\"at\":\"2026-01-01T00:00:00Z\",\"must\":\"m\"}");
    for (Workflow<?, ?> wf : all) {
      String input = inputs.get(wf.name());
      assertThat(input).as("a full input for %s", wf.name()).isNotNull();
      wf.parseInput(input); // the full input fits
      ObjectNode schema = JsonSchemas.of(wf.inputType());
      List<String> required = new java.util.ArrayList<>();
      schema.path("required").forEach(n -> required.add(n.asText()));
      schema
          .get("properties")
          .fieldNames()
          .forEachRemaining(
              field -> {
                ObjectNode without = (ObjectNode) Json.tree(input);
                without.remove(field);
                String text = Json.write(without);
                if (required.contains(field)) {
                  assertThatThrownBy(() -> wf.parseInput(text))
                      .as("%s without %s", wf.name(), field)
                      .isInstanceOf(InvalidInputException.class);
                } else {
                  wf.parseInput(text); // optional: must still parse
                }
              });
    }
  }

  private static JsonNode tree(String json) {
    return Json.tree(json);
  }
}
