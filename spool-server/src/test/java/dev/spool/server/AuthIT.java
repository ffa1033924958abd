package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthIT {
  @TempDir Path dir;
  ServerHarness h;
  ApiKeys.CreatedKey key;

  @BeforeEach
  void start() {
    h = new ServerHarness(dir, b -> {}); // the default: keys required
    key = ApiKeys.create(h.store.keys(), "test", Instant.now());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private String[] bearer(String k) {
    return new String[] {"Authorization", "Bearer " + k};
  }

  @Test
  void withoutAKeyTheApiSaysHowToGetOne() {
    HttpResponse<String> r = h.get("/v1/runs");
    assertThat(problem(r, 401, "missing-api-key")).contains("spool keys create --name NAME");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    problem(h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}"), 401, "missing-api-key");
    assertThat(h.allRuns()).isEmpty();
  }

  @Test
  void aWrongOrRevokedKeyIsRejected() {
    assertThat(problem(h.get("/v1/runs", bearer(key.key() + "x")), 401, "invalid-api-key"))
        .contains("unknown or revoked", "spool keys create");
    assertThat(problem(h.get("/v1/runs", "Authorization", "Basic dTpw"), 401, "missing-api-key"))
        .contains("Bearer");
    assertThat(h.get("/v1/runs", bearer(key.key())).statusCode()).isEqualTo(200);

    h.store.keys().revokeApiKey(key.info().id(), Instant.now());

    problem(h.get("/v1/runs", bearer(key.key())), 401, "invalid-api-key");
  }

  @Test
  void aValidKeyOpensEveryRoute() {
    HttpResponse<String> started =
        h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}", bearer(key.key()));
    assertThat(started.statusCode()).isEqualTo(202);
    String id = ServerHarness.json(started).get("runId").asText();
    assertThat(h.get("/v1/workflows", bearer(key.key())).statusCode()).isEqualTo(200);
    assertThat(h.get("/v1/runs/" + id, bearer(key.key())).statusCode()).isEqualTo(200);
    assertThat(
            h.get(
                    "/v1/runs/" + id + "/events",
                    "Accept",
                    "application/json",
                    bearer(key.key())[0],
                    bearer(key.key())[1])
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void healthAndTheApiDescriptionArePublic() {
    assertThat(h.get("/health").statusCode()).isEqualTo(200);
    assertThat(h.get("/v1/openapi.json").statusCode()).isEqualTo(200);
  }

  /** A browser's EventSource cannot set headers: the events route takes ?access_token= too. */
  @Test
  void theEventsRouteAlsoTakesTheKeyAsAQueryParameter() {
    String id =
        ServerHarness.json(
                h.post("/v1/workflows/hello/runs", "{\"name\":\"Ada\"}", bearer(key.key())))
            .get("runId")
            .asText();
    String events = "/v1/runs/" + id + "/events?wait=0&access_token=";

    assertThat(h.get(events + key.key()).statusCode()).isEqualTo(200);
    problem(h.get(events + "spool_nope_nope"), 401, "invalid-api-key");
    // Only there: elsewhere a key in the URL would end up in access logs for no reason.
    problem(h.get("/v1/runs/" + id + "?access_token=" + key.key()), 401, "missing-api-key");
  }

  @Test
  void keysAreNotCheckedWhenNotRequired(@TempDir Path other) throws Exception {
    try (ServerHarness open = new ServerHarness(other, b -> b.requireApiKeys(false))) {
      assertThat(open.get("/v1/runs").statusCode()).isEqualTo(200);
      assertThat(open.get("/v1/runs", bearer("anything")).statusCode()).isEqualTo(200);
    }
  }
}
