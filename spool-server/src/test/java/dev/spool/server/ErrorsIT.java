package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.store.NewRun;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors outside any one route, health, and CORS. */
class ErrorsIT {
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
  void unknownRoutesAndMethodsAreProblems() {
    assertThat(problem(h.get("/v1/nothing"), 404, "no-route"))
        .contains("GET /v1/nothing", "/v1/openapi.json");
    assertThat(problem(h.get("/nothing"), 404, "no-route")).contains("GET /nothing", "web UI");
    assertThat(problem(h.post("/v1/runs", "{}"), 405, "method-not-allowed"))
        .contains("POST /v1/runs");
    HttpResponse<String> delete = h.send(h.request("/v1/runs/x").DELETE().build());
    assertThat(problem(delete, 405, "method-not-allowed")).contains("DELETE");
  }

  @Test
  void healthSaysWhichStore() {
    HttpResponse<String> r = h.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ServerHarness.json(r).get("status").asText()).isEqualTo("ok");
    assertThat(ServerHarness.json(r).get("store").asText()).isEqualTo(h.store.describe());
  }

  @Test
  void aStoreThatFailsGives503() {
    h.store.close();

    assertThat(problem(h.get("/health"), 503, "unhealthy")).contains(h.store.describe());
    assertThat(problem(h.get("/v1/runs"), 503, "store-unavailable")).contains("try again");
    problem(h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}"), 503, "store-unavailable");
  }

  @Test
  void anUnexpectedErrorIs500WithoutInternals() {
    // A row another tool wrote badly: its input is not JSON, so the server cannot show it.
    h.store.createRun(
        new NewRun(
            "r-broken", "hello", "1", "not json", Optional.empty(), "default", Instant.now()));

    HttpResponse<String> r = h.get("/v1/runs/r-broken");

    assertThat(problem(r, 500, "internal-error")).contains("server's log");
    assertThat(r.body()).doesNotContain("Unrecognized token", "jackson", "dev.spool");
  }

  @Test
  void corsAllowsAnyOriginAndAnswersPreflights() {
    HttpResponse<String> preflight =
        h.send(
            h.request(
                    "/v1/workflows/hello/runs",
                    "Origin",
                    "https://ui.example",
                    "Access-Control-Request-Method",
                    "POST",
                    "Access-Control-Request-Headers",
                    "authorization, content-type, idempotency-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("GET", "POST");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID");
    assertThat(h.allRuns()).isEmpty();

    HttpResponse<String> started =
        h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}", "Origin", "https://ui.example");
    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(started.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(started.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("Location");
    HttpResponse<String> error = h.get("/v1/runs/nope", "Origin", "https://ui.example");
    assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
  }
}
