package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's files over HTTP: where they are, how they are served, and that they can be off. */
class WebUiIT {
  @TempDir Path dir;

  @Test
  void servesThePageTheModulesAndTheClientWithoutAKeyEvenWhenKeysAreRequired() throws Exception {
    try (ServerHarness h = new ServerHarness(dir, b -> {})) {
      HttpResponse<String> page = h.get("/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.body()).contains("<script type=\"module\" src=\"ui/app.js\">");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");

      for (String module : new String[] {"/spool-client.js", "/ui/app.js", "/ui/trace.js"}) {
        HttpResponse<String> js = h.get(module);
        assertThat(js.statusCode()).as(module).isEqualTo(200);
        // Browsers run an ES module only when it is served as JavaScript.
        assertThat(js.headers().firstValue("Content-Type")).as(module).hasValue("text/javascript");
      }
      assertThat(h.get("/spool-client.js").body()).contains("export class SpoolClient");

      // Any origin may import the client, as it may call the API.
      HttpResponse<String> cross = h.get("/spool-client.js", "Origin", "https://app.example");
      assertThat(cross.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

      // The API itself still wants its key.
      problem(h.get("/v1/runs"), 401, "missing-api-key");
    }
  }

  @Test
  void canBeTurnedOff() throws Exception {
    try (ServerHarness h = new ServerHarness(dir, b -> b.requireApiKeys(false).webUi(false))) {
      problem(h.get("/"), 404, "no-route");
      problem(h.get("/spool-client.js"), 404, "no-route");
      assertThat(h.get("/v1/runs").statusCode()).isEqualTo(200);
    }
  }
}
