package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.store.RunInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsIT {
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
  void listsNewestFirstFiltersAndPages() {
    List<String> hellos = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hellos.add(h.start("hello", "{\"name\":\"n" + i + "\"}"));
    }
    String steps = h.start("steps", "{\"steps\":1}");

    JsonNode all = json(h.get("/v1/runs"));
    assertThat(all.get("runs")).hasSize(6);
    assertThat(all.get("runs").get(0).get("runId").asText()).isEqualTo(steps);
    assertThat(all.get("next").isNull()).isTrue();

    JsonNode onlyHello = json(h.get("/v1/runs?workflow=hello&status=queued"));
    assertThat(ids(onlyHello)).containsExactlyElementsOf(hellos.reversed());
    assertThat(json(h.get("/v1/runs?status=completed")).get("runs")).isEmpty();

    List<String> paged = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      JsonNode page =
          json(h.get("/v1/runs?workflow=hello&limit=2" + (next == null ? "" : "&before=" + next)));
      assertThat(page.get("runs").size()).isBetween(1, 2);
      paged.addAll(ids(page));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (next != null);
    assertThat(pages).isEqualTo(3);
    assertThat(paged).containsExactlyElementsOf(hellos.reversed());
  }

  @Test
  void badQueryParametersNameTheValidValues() {
    assertThat(problem(h.get("/v1/runs?status=done"), 400, "bad-request"))
        .contains("done", "queued, running, waiting, completed, failed, cancelled");
    assertThat(problem(h.get("/v1/runs?limit=0"), 400, "bad-request")).contains("1 to 1000");
    assertThat(problem(h.get("/v1/runs?limit=ten"), 400, "bad-request")).contains("1 to 1000");
    assertThat(problem(h.get("/v1/runs?before=r000"), 400, "bad-request")).contains("r000", "next");
  }

  @Test
  void oneRunWithEveryField() {
    String id =
        json(h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}", "Idempotency-Key", "k"))
            .get("runId")
            .asText();

    HttpResponse<String> r = h.get("/v1/runs/" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode run = json(r);
    assertThat(run.get("runId").asText()).isEqualTo(id);
    assertThat(run.get("workflow").asText()).isEqualTo("hello");
    assertThat(run.get("version").asText()).isEqualTo("1");
    assertThat(run.get("status").asText()).isEqualTo("queued");
    assertThat(run.get("input")).isEqualTo(tree("{\"name\":\"Ada\"}"));
    assertThat(run.get("result").isNull()).isTrue();
    assertThat(run.get("error").isNull()).isTrue();
    assertThat(Instant.parse(run.get("createdAt").asText())).isBeforeOrEqualTo(Instant.now());
    for (String absent :
        List.of("startedAt", "finishedAt", "durationMs", "worker", "heartbeatAt", "resumeAt")) {
      assertThat(run.get(absent).isNull()).as(absent).isTrue();
    }
    assertThat(run.get("lastSeq").asLong()).isEqualTo(1);
    assertThat(run.get("deployment").asText()).as("none promoted: pinned to none").isEmpty();
    assertThat(run.get("attempt").asInt()).isZero();
    assertThat(run.get("cancelRequested").asBoolean()).isFalse();
    assertThat(run.get("recoveries").asInt()).isZero();
    assertThat(run.get("idempotencyKey").asText()).isEqualTo("k");
    assertThat(run.get("waitingForWorker").asBoolean()).as("no worker runs in this test").isTrue();
    assertThat(run.get("waitingFor").asText())
        .isEqualTo(run.get("note").asText())
        .contains("no live worker: the run starts when one is up");
    assertThat(problem(h.get("/v1/runs/nope"), 404, "unknown-run")).contains("'nope'");
  }

  @Test
  void aQueuedRunWithALiveWorkerOfItsDeploymentIsNotWaitingForOne() {
    h.spool
        .store()
        .fleet()
        .beatWorker(
            new dev.spool.store.WorkerBeat(
                "w1",
                "default",
                Instant.now(),
                Instant.now(),
                0,
                false,
                h.spool.registry().runnable()));
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    JsonNode run = json(h.get("/v1/runs/" + id));
    assertThat(run.get("waitingForWorker").asBoolean()).isFalse();
    assertThat(run.has("note")).isFalse();
  }

  @Test
  void resultAnswersAtOnceWhilePendingAndWaitsForTheEnd() throws Exception {
    String id = h.start("steps", "{\"steps\":3,\"stepMillis\":50}");

    HttpResponse<String> pending = h.get("/v1/runs/" + id + "/result");
    assertThat(pending.statusCode()).isEqualTo(202);
    assertThat(pending.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(pending).get("status").asText()).isEqualTo("queued");

    h.worker();
    HttpResponse<String> done = h.get("/v1/runs/" + id + "/result?wait=15s");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(json(done).get("status").asText()).isEqualTo("completed");
    assertThat(json(done).get("result"))
        .isEqualTo(tree("[\"step 1 done\",\"step 2 done\",\"step 3 done\"]"));

    JsonNode run = json(h.get("/v1/runs/" + id));
    assertThat(run.get("status").asText()).isEqualTo("completed");
    assertThat(run.get("durationMs").asLong()).isGreaterThanOrEqualTo(100);
    assertThat(run.get("finishedAt").isNull()).isFalse();
  }

  @Test
  void aShortWaitOnAQueuedRunEndsPending() {
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    long t0 = System.nanoTime();
    HttpResponse<String> r = h.get("/v1/runs/" + id + "/result?wait=300ms");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(problem(h.get("/v1/runs/" + id + "/result?wait=6m"), 400, "bad-request"))
        .contains("maximum of 5m");
    assertThat(problem(h.get("/v1/runs/" + id + "/result?wait=soon"), 400, "bad-request"))
        .contains("30s");
    assertThat(problem(h.get("/v1/runs/nope/result"), 404, "unknown-run")).contains("nope");
  }

  @Test
  void aRunThatDidNotCompleteAnswersWithItsError() throws Exception {
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    h.spool.cancel(id, "test"); // a queued run is cancelled at once, no worker needed
    RunInfo ended = h.awaitEnd(id);

    JsonNode r = json(h.get("/v1/runs/" + id + "/result"));
    assertThat(r.get("status").asText()).isEqualTo("cancelled");
    assertThat(r.get("error")).isEqualTo(tree(ended.error().orElseThrow()));
    assertThat(r.get("error").get("message").asText()).contains("test");
    assertThat(r.has("result")).isFalse();
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("runs").forEach(r -> out.add(r.get("runId").asText()));
    return out;
  }

  private static JsonNode tree(String s) {
    return dev.spool.Json.tree(s);
  }
}
