package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.store.RunInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlIT {
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
  void aSignalIsAppendedToTheRunsStream() {
    String id = h.start("hello", "{\"name\":\"Ada\"}");

    HttpResponse<String> r =
        h.post("/v1/runs/" + id + "/signals/approve", "{\"ok\": true, \"by\": \"Grace\"}");

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode b = json(r);
    assertThat(b.get("runId").asText()).isEqualTo(id);
    assertThat(b.get("signal").asText()).isEqualTo("approve");
    assertThat(b.get("seq").asLong()).isEqualTo(2);
    Event e = h.store.readEvents(id, 1, 10).getFirst();
    assertThat(e.type()).isEqualTo("signal.received");
    assertThat(Json.tree(e.data()))
        .isEqualTo(Json.tree("{\"name\":\"approve\",\"value\":{\"ok\":true,\"by\":\"Grace\"}}"));
  }

  @Test
  void signalErrors() throws Exception {
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    assertThat(problem(h.post("/v1/runs/nope/signals/go", "1"), 404, "unknown-run"))
        .contains("nope");
    assertThat(problem(h.post("/v1/runs/" + id + "/signals/go", "{oops"), 400, "malformed-json"))
        .contains("not valid JSON");
    assertThat(problem(h.post("/v1/runs/" + id + "/signals/go", ""), 400, "bad-request"))
        .contains("empty");
    assertThat(
            problem(
                h.post("/v1/runs/" + id + "/signals/go", "x", "Content-Type", "text/plain"),
                415,
                "unsupported-media-type"))
        .contains("application/json");
    assertThat(h.store.getRun(id).orElseThrow().lastSeq()).isEqualTo(1);

    h.spool.cancel(id, "done here");
    h.awaitEnd(id);
    assertThat(problem(h.post("/v1/runs/" + id + "/signals/go", "1"), 409, "run-ended"))
        .contains(id, "status cancelled");
    assertThat(h.store.readEvents(id, 0, 10))
        .extracting(Event::type)
        .doesNotContain("signal.received");
  }

  @Test
  void cancellingAQueuedRunEndsItAtOnce() {
    String id = h.start("hello", "{\"name\":\"Ada\"}");

    HttpResponse<String> r =
        h.post("/v1/runs/" + id + "/cancel", "{\"reason\":\"changed my mind\"}");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(json(r).get("status").asText()).isEqualTo("cancelled");
    assertThat(json(r).get("cancelRequested").asBoolean()).isFalse();
    RunInfo run = h.store.getRun(id).orElseThrow();
    assertThat(run.error().orElseThrow()).contains("changed my mind");
    List<Event> events = h.store.readEvents(id, 0, 10);
    assertThat(events.getLast().type()).isEqualTo("run.cancelled");

    HttpResponse<String> again = h.post("/v1/runs/" + id + "/cancel", "");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("status").asText()).isEqualTo("cancelled");
    assertThat(h.store.readEvents(id, 0, 10)).hasSameSizeAs(events);
  }

  @Test
  void cancellingARunningRunAsksItsWorkerToStop() throws Exception {
    h.worker();
    String id = h.start("steps", "{\"steps\":50,\"stepMillis\":100}");
    awaitRunning(id);

    HttpResponse<String> r = h.post("/v1/runs/" + id + "/cancel", "");

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode b = json(r);
    assertThat(b.get("cancelRequested").asBoolean()).isTrue();
    assertThat(b.get("status").asText()).isIn("running", "cancelled");
    assertThat(json(h.get("/v1/runs/" + id)).get("cancelRequested").asBoolean()).isTrue();
    // The worker (beside the server here) ends it at its next step boundary.
    JsonNode result = json(h.get("/v1/runs/" + id + "/result?wait=10s"));
    assertThat(result.get("status").asText()).isEqualTo("cancelled");
    assertThat(h.store.readEvents(id, 0, 1000).getLast().type()).isEqualTo("run.cancelled");
  }

  @Test
  void aSignalResumesARunWaitingForIt() throws Exception {
    h.worker();
    String id = h.start("approval", "{\"subject\":\"a raise\"}");
    awaitStatus(id, "waiting");

    HttpResponse<String> r =
        h.post("/v1/runs/" + id + "/signals/approve", "{\"approved\":true,\"comment\":\"fine\"}");

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode result = json(h.get("/v1/runs/" + id + "/result?wait=10s"));
    assertThat(result.get("status").asText()).isEqualTo("completed");
    assertThat(result.get("result").get("decision").asText()).isEqualTo("approved");
    assertThat(result.get("result").get("comment").asText()).isEqualTo("fine");
  }

  @Test
  void cancelErrors() throws Exception {
    h.worker();
    String done = h.start("steps", "{\"steps\":1}");
    h.awaitEnd(done);
    long lastSeq = h.store.getRun(done).orElseThrow().lastSeq();

    assertThat(problem(h.post("/v1/runs/" + done + "/cancel", ""), 409, "run-ended"))
        .contains(done, "status completed");
    assertThat(problem(h.post("/v1/runs/nope/cancel", ""), 404, "unknown-run")).contains("nope");
    assertThat(problem(h.post("/v1/runs/" + done + "/cancel", "[1]"), 400, "bad-request"))
        .contains("reason");
    assertThat(
            problem(h.post("/v1/runs/" + done + "/cancel", "{\"why\":\"x\"}"), 400, "bad-request"))
        .contains("unknown field 'why'");
    assertThat(h.store.getRun(done).orElseThrow().lastSeq()).isEqualTo(lastSeq);
  }

  private void awaitRunning(String id) throws InterruptedException {
    awaitStatus(id, "running");
  }

  private void awaitStatus(String id, String status) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      RunInfo r = h.store.getRun(id).orElseThrow();
      if (r.status().wireName().equals(status)) {
        return;
      }
      h.store.awaitEvents(id, r.lastSeq(), 10, java.time.Duration.ofMillis(200));
    }
    throw new AssertionError("run " + id + " did not become " + status);
  }
}
