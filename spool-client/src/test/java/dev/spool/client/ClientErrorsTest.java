package dev.spool.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.server.ApiKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a caller hears when a call fails against a real server, or no server at all. */
class ClientErrorsTest {
  @TempDir Path dir;
  Harness h;
  SpoolClient client;

  @BeforeEach
  void start() {
    h = new Harness(dir);
    client = h.client();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private static void assertProblem(
      ThrowingCallable call, int status, String title, String detailPart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpoolClientException.class,
            e -> {
              assertThat(e.status()).hasValue(status);
              assertThat(e.title()).contains(title);
              assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains(detailPart));
              assertThat(e.getMessage())
                  .isEqualTo(title + " (HTTP " + status + "): " + e.detail().orElseThrow())
                  .doesNotContain("\n");
            });
  }

  @Test
  void anUnknownWorkflow() {
    assertProblem(
        () -> client.start("nope", "{}"), 404, "Unknown workflow", "no workflow named 'nope'");
  }

  @Test
  void inputThatDoesNotFitTheWorkflow() {
    assertProblem(() -> client.start("steps", "{\"steps\":-1}"), 422, "Invalid input", "steps");
    assertProblem(() -> client.start("hello", "{}"), 422, "Invalid input", "name");
  }

  @Test
  void inputThatIsNotJson() {
    assertProblem(
        () -> client.start("steps", "{\"steps\":"), 400, "Malformed JSON", "not valid JSON");
  }

  @Test
  void anUnknownRunForEveryCallThatNamesOne() {
    String detail = "no run 'no-such-run'";
    assertProblem(() -> client.run("no-such-run"), 404, "Unknown run", detail);
    assertProblem(
        () -> client.awaitResult("no-such-run", Duration.ofSeconds(1)), 404, "Unknown run", detail);
    assertProblem(() -> client.follow("no-such-run", 0, e -> {}), 404, "Unknown run", detail);
    assertProblem(() -> client.signal("no-such-run", "go", "1"), 404, "Unknown run", detail);
    assertProblem(() -> client.cancel("no-such-run"), 404, "Unknown run", detail);
  }

  @Test
  void aCursorBeyondTheEndOfTheRun() {
    String runId = client.start("steps", "{\"steps\":1}").runId();
    client.awaitResult(runId, Duration.ofSeconds(30)).orElseThrow();

    assertProblem(() -> client.follow(runId, 999, e -> {}), 400, "Bad request", "beyond the end");
  }

  @Test
  void aServerThatIsNotListeningIsNamedInOneClearLine() throws IOException {
    URI nowhere = URI.create("http://127.0.0.1:" + freePort());
    String expected =
        "cannot connect to the Spool API at "
            + nowhere
            + " (connection refused); is the server running and listening there?";
    // The default policy would keep a follow going for minutes; no server at all fails at once.
    try (SpoolClient c = SpoolClient.builder(nowhere).build()) {
      Consumer<ThrowingCallable> refused =
          call ->
              assertThatThrownBy(call)
                  .isInstanceOfSatisfying(
                      SpoolClientException.class,
                      e -> {
                        assertThat(e.getMessage()).isEqualTo(expected);
                        assertThat(e.status()).isEmpty();
                        assertThat(e.problem()).isEmpty();
                      });
      refused.accept(c::workflows);
      refused.accept(() -> c.start("hello", "{}"));
      refused.accept(() -> c.follow("r1", 0, e -> {}));
      refused.accept(() -> c.awaitResult("r1", Duration.ofMinutes(5)));
    }
  }

  @Test
  void keysAreSentWhenTheServerRequiresThem(@TempDir Path other) throws Exception {
    try (Harness secured = new Harness(other, false, b -> b.requireApiKeys(true))) {
      SpoolClient anonymous = secured.client();
      assertThatThrownBy(anonymous::workflows)
          .isInstanceOfSatisfying(
              SpoolClientException.class, e -> assertThat(e.status()).hasValue(401));

      String key = ApiKeys.create(secured.store.keys(), "client-test", Instant.now()).key();
      SpoolClient keyed = secured.client(SpoolClient.builder(secured.baseUri()).apiKey(key));
      assertThat(keyed.workflows()).isNotEmpty();
      String runId = keyed.start("steps", "{\"steps\":1}").runId();
      keyed.cancel(runId);
      assertThat(keyed.follow(runId, 0, e -> {}).type()).isEqualTo("run.cancelled");
    }
  }

  @Test
  void aBaseUriMustBeHttp() {
    assertThatThrownBy(() -> SpoolClient.builder(URI.create("ftp://host/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> SpoolClient.builder(URI.create("http://host/?x=1")))
        .hasMessageContaining("no query");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
