package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryForkIT {
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
  void aCancelledRunIsRetriedAndCompletesWithTheSameId() throws Exception {
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    h.post("/v1/runs/" + id + "/cancel", "");

    HttpResponse<String> r = h.post("/v1/runs/" + id + "/retry", "{\"reason\":\"try again\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(json(r).get("status").asText()).isEqualTo("queued");
    h.worker();
    RunInfo done = h.awaitEnd(id);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    List<Event> events = h.store.readEvents(id, 0, 1000);
    Event retried =
        events.stream().filter(e -> e.type().equals(EventTypes.RUN_RETRIED)).findFirst().get();
    assertThat(Json.tree(retried.data()).path("previousStatus").asText()).isEqualTo("cancelled");
    assertThat(Json.tree(retried.data()).path("reason").asText()).isEqualTo("try again");

    assertThat(problem(h.post("/v1/runs/" + id + "/retry", ""), 409, "not-retryable"))
        .contains(id, "completed", "fork");
    assertThat(problem(h.post("/v1/runs/nope/retry", ""), 404, "unknown-run")).contains("nope");
    assertThat(problem(h.post("/v1/runs/" + id + "/retry", "{\"x\":1}"), 400, "bad-request"))
        .contains("unknown field 'x'");
  }

  @Test
  void aForkReplaysTheStepsBeforeItsStepAndRunsTheRestWithANewInput() throws Exception {
    h.worker();
    String id = h.start("steps", "{\"steps\":5}");
    h.awaitEnd(id);
    List<String> paths = stepPaths(id);
    assertThat(paths).hasSize(5);

    HttpResponse<String> r =
        h.post(
            "/v1/runs/" + id + "/fork",
            "{\"fromStep\":\"" + paths.get(3) + "\",\"input\":{\"steps\":6}}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode b = json(r);
    assertThat(b.get("forkedFrom").asText()).isEqualTo(id);
    String fork = b.get("runId").asText();
    assertThat(r.headers().firstValue("Location")).contains("/v1/runs/" + fork);
    RunInfo done = h.awaitEnd(fork);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(Json.tree(done.result().orElseThrow())).hasSize(6);
    assertThat(stepPaths(fork)).as("steps 4 to 6 ran").hasSize(3).doesNotContain(paths.get(2));
    Event forked = h.store.readEvents(fork, 1, 1).getFirst();
    assertThat(forked.type()).isEqualTo(EventTypes.RUN_FORKED);
    assertThat(Json.tree(forked.data()).path("sourceRunId").asText()).isEqualTo(id);
    assertThat(Json.tree(forked.data()).path("checkpoints").asInt()).isEqualTo(3);

    assertThat(
            problem(
                h.post("/v1/runs/" + id + "/fork", "{\"fromStep\":\"x\"}"), 422, "unknown-step"))
        .contains(paths.get(0));
    assertThat(problem(h.post("/v1/runs/" + id + "/fork", "{}"), 400, "bad-request"))
        .contains("fromStep");
    assertThat(
            problem(
                h.post(
                    "/v1/runs/" + id + "/fork",
                    "{\"fromStep\":\"" + paths.get(0) + "\",\"input\":{\"steps\":\"many\"}}"),
                422,
                "invalid-input"))
        .isNotBlank();
    assertThat(problem(h.post("/v1/runs/nope/fork", "{\"fromStep\":\"x\"}"), 404, "unknown-run"))
        .contains("nope");
  }

  @Test
  void runsAreCancelledAndRetriedByFilter() throws Exception {
    for (int i = 0; i < 3; i++) {
      h.start("hello", "{\"name\":\"Ada\"}");
    }
    h.start("steps", "{\"steps\":1}");

    JsonNode cancelled = json(h.post("/v1/runs/cancel", "{\"workflow\":\"hello\"}"));
    assertThat(cancelled.get("count").asInt()).isEqualTo(3);
    assertThat(cancelled.get("runIds")).hasSize(3);
    JsonNode none =
        json(
            h.post(
                "/v1/runs/retry", "{\"workflow\":\"hello\",\"since\":\"2999-01-01T00:00:00Z\"}"));
    assertThat(none.get("count").asInt()).isZero();
    JsonNode retried =
        json(h.post("/v1/runs/retry", "{\"status\":\"cancelled\",\"since\":\"1h\",\"limit\":2}"));
    assertThat(retried.get("matched").asInt()).isEqualTo(2);
    assertThat(retried.get("count").asInt()).isEqualTo(2);
    assertThat(h.allRuns()).filteredOn(x -> x.status() == RunStatus.QUEUED).hasSize(3);

    assertThat(problem(h.post("/v1/runs/retry", "{\"status\":\"lost\"}"), 400, "bad-request"))
        .contains("unknown run status");
    assertThat(problem(h.post("/v1/runs/cancel", "{\"since\":\"soon\"}"), 400, "bad-request"))
        .contains("since");
  }

  private List<String> stepPaths(String runId) {
    return h.store.readEvents(runId, 0, 1000).stream()
        .filter(e -> e.type().equals(EventTypes.STEP_STARTED))
        .map(Event::path)
        .toList();
  }
}
