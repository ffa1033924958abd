package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import dev.spool.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowsIT {
  @TempDir Path dir;
  ServerHarness h;

  @BeforeEach
  void start() {
    h = new ServerHarness(dir);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void listsEveryWorkflowWithItsSchemas() {
    JsonNode all = json(h.get("/v1/workflows"));
    List<String> names = new ArrayList<>();
    all.forEach(w -> names.add(w.get("name").asText()));
    assertThat(names).containsAll(List.of("hello", "steps"));
    assertThat(names).hasSize(h.spool.registry().all().size());

    JsonNode steps = json(h.get("/v1/workflows/steps"));
    assertThat(steps.get("version").asText()).isEqualTo("1");
    assertThat(steps.get("description").asText()).contains("steps");
    assertThat(steps.get("inputSchema"))
        .isEqualTo(
            Json.tree(
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"properties\":{\"steps\":{\"type\":\"integer\",\"format\":\"int32\"},"
                    + "\"stepMillis\":{\"type\":\"integer\",\"format\":\"int32\"},"
                    + "\"failEvery\":{\"type\":\"integer\",\"format\":\"int32\"}},"
                    + "\"required\":[\"steps\"],\"additionalProperties\":false}"));
    assertThat(steps.get("outputSchema").get("type").asText()).isEqualTo("array");
    assertThat(steps.get("outputSchema").get("items").get("type").asText()).isEqualTo("string");
    assertThat(json(h.get("/v1/workflows/hello")).get("inputSchema").get("required"))
        .isEqualTo(Json.tree("[\"name\"]"));
  }

  @Test
  void anUnknownWorkflowIs404NamingTheKnownOnes() {
    assertThat(problem(h.get("/v1/workflows/nope"), 404, "unknown-workflow"))
        .contains("'nope'", "hello", "steps");
  }

  record Gate(String name) {}

  @Test
  void listsThePatchesRunsDecidedWithTheRunsThatStillNeedTheOldBranch() throws Exception {
    h.close();
    Workflow<Gate, String> gated =
        Workflow.of(
            "gated",
            Gate.class,
            String.class,
            (ctx, in) -> {
              String path = ctx.patched("fast-path") ? "new" : "old";
              ctx.awaitSignal("go", String.class);
              return path;
            });
    h = new ServerHarness(dir, b -> b.requireApiKeys(false), gated);
    h.worker();
    h.post("/v1/workflows/gated/runs", "{\"name\":\"a\"}");

    JsonNode patches = json(h.get("/v1/workflows/gated")).get("patches");
    for (int i = 0; i < 200 && patches.isEmpty(); i++) {
      Thread.sleep(50);
      patches = json(h.get("/v1/workflows/gated")).get("patches");
    }

    assertThat(patches).hasSize(1);
    JsonNode p = patches.get(0);
    assertThat(p.get("patch").asText()).isEqualTo("fast-path");
    assertThat(p.get("newPath").asInt()).isEqualTo(1);
    assertThat(p.get("oldPath").asInt()).isZero();
    assertThat(p.get("notReached").asInt()).isZero();
    assertThat(p.get("mayTakeOldPath").asInt()).isZero();
    assertThat(p.get("oldBranchCanGo").asBoolean()).isTrue();
    assertThat(p.get("since").asText()).endsWith("Z");
    json(h.get("/v1/workflows"))
        .forEach(
            w ->
                assertThat(w.get("patches").size())
                    .as(w.get("name").asText())
                    .isEqualTo(w.get("name").asText().equals("gated") ? 1 : 0));
  }
}
