package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.CountedInput;
import dev.spool.store.RunInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartRunIT {
  @TempDir Path dir;
  ServerHarness h;

  @BeforeEach
  void start() {
    h =
        new ServerHarness(
            dir, b -> b.requireApiKeys(false).maxBodyBytes(2048), CountedInput.WORKFLOW);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void startsARunAndPointsToIt() {
    HttpResponse<String> r = h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}");

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode b = json(r);
    String id = b.get("runId").asText();
    assertThat(r.headers().firstValue("Location")).contains("/v1/runs/" + id);
    assertThat(b.get("workflow").asText()).isEqualTo("hello");
    assertThat(b.get("status").asText()).isEqualTo("queued");
    assertThat(b.get("created").asBoolean()).isTrue();
    assertThat(b.get("statusUrl").asText()).isEqualTo("/v1/runs/" + id);
    assertThat(b.get("eventsUrl").asText()).isEqualTo("/v1/runs/" + id + "/events");
    assertThat(b.get("resultUrl").asText()).isEqualTo("/v1/runs/" + id + "/result");
    RunInfo stored = h.store.getRun(id).orElseThrow();
    assertThat(stored.input()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(h.store.readEvents(id, 0, 10))
        .extracting(e -> e.type())
        .containsExactly("run.queued");
  }

  @Test
  void aStartRequestParsesItsInputOnce() {
    CountedInput.BUILT.set(0);
    HttpResponse<String> r = h.post("/v1/workflows/counted/runs", "{ \"text\" : \"a\" }");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(CountedInput.BUILT.get()).isEqualTo(1);
    String id = json(r).get("runId").asText();
    assertThat(h.store.getRun(id).orElseThrow().input()).isEqualTo("{\"text\":\"a\"}");
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameRun() {
    String[] key = {"Idempotency-Key", "order-42"};
    HttpResponse<String> first = h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}", key);
    // Same input, written differently: the canonical forms are equal.
    HttpResponse<String> again = h.post("/v1/workflows/hello/runs", "{ \"name\" : \"Ada\" }", key);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("runId")).isEqualTo(json(first).get("runId"));
    assertThat(json(again).get("created").asBoolean()).isFalse();
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(h.allRuns()).hasSize(1);
  }

  @Test
  void reusingAKeyForOtherInputOrAnotherWorkflowIsAConflict() {
    String[] key = {"Idempotency-Key", "k1"};
    String id =
        json(h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}", key)).get("runId").asText();

    String detail =
        problem(
            h.post("/v1/workflows/hello/runs", "{\"name\":\"Bob\"}", key),
            409,
            "idempotency-key-reused");
    assertThat(detail).contains("k1", id, "different input");
    detail =
        problem(
            h.post("/v1/workflows/steps/runs", "{\"steps\":1}", key),
            409,
            "idempotency-key-reused");
    assertThat(detail).contains("workflow 'hello'", "not 'steps'");
    assertThat(h.allRuns()).hasSize(1);
  }

  @Test
  void rejectedRequestsWriteNothing() {
    String ok = "{\"name\":\"Ada\"}";
    List<RunInfo> before = h.allRuns();

    assertThat(problem(h.post("/v1/workflows/nope/runs", ok), 404, "unknown-workflow"))
        .contains("'nope'", "hello", "steps");
    assertThat(problem(h.post("/v1/workflows/hello/runs", "{\"name\":"), 400, "malformed-json"))
        .contains("not valid JSON");
    assertThat(problem(h.post("/v1/workflows/hello/runs", ""), 400, "bad-request"))
        .contains("empty", "/v1/workflows/hello");
    assertThat(
            problem(h.post("/v1/workflows/hello/runs", "{\"nam\":\"Ada\"}"), 422, "invalid-input"))
        .contains("unknown field 'nam'", "name, chunkMillis");
    assertThat(
            problem(h.post("/v1/workflows/hello/runs", "{\"name\":\" \"}"), 422, "invalid-input"))
        .contains("name must not be blank");
    assertThat(problem(h.post("/v1/workflows/steps/runs", "{}"), 422, "invalid-input"))
        .contains("steps");
    assertThat(
            problem(
                h.post("/v1/workflows/hello/runs", "name=Ada", "Content-Type", "text/plain"),
                415,
                "unsupported-media-type"))
        .contains("application/json", "text/plain");
    assertThat(
            problem(
                h.post(
                    "/v1/workflows/hello/runs",
                    "{\"name\":\"" + "a".repeat(3000) + "\"}",
                    "Content-Type",
                    "application/json"),
                413,
                "payload-too-large"))
        .contains("2048 bytes");
    assertThat(
            problem(
                h.post("/v1/workflows/hello/runs", ok, "Idempotency-Key", "x".repeat(201)),
                400,
                "bad-request"))
        .contains("Idempotency-Key", "1 to 200");

    assertThat(h.allRuns()).isEqualTo(before);
  }

  @Test
  void aChunkedBodyWithoutLengthIsCutAtTheLimitToo() {
    byte[] big =
        ("{\"name\":\"" + "a".repeat(5000) + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> r =
        h.send(
            h.request("/v1/workflows/hello/runs")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build());
    assertThat(problem(r, 413, "payload-too-large")).contains("more than 2048 bytes");
    assertThat(h.allRuns()).isEmpty();
  }

  @Test
  void aJsonContentTypeWithCharsetIsFine() {
    HttpResponse<String> r =
        h.post(
            "/v1/workflows/hello/runs",
            "{\"name\":\"Ada\"}",
            "Content-Type",
            "application/json; charset=utf-8");
    assertThat(r.statusCode()).isEqualTo(202);
  }
}
