package dev.spool.client;

import static dev.spool.client.ScriptedServer.event;
import static dev.spool.client.ScriptedServer.problem;
import static dev.spool.client.ScriptedServer.sse;
import static dev.spool.client.ScriptedServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client copes with what a broken server or proxy may send. */
class ScriptedServerTest {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.defaults().withDelays(Duration.ofMillis(1), Duration.ofMillis(10));

  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Event> seen = new ArrayList<>();

  private SpoolClient client(ScriptedServer server, ReconnectPolicy policy) {
    SpoolClient c =
        SpoolClient.builder(server.uri())
            .reconnectPolicy(policy)
            .streamIdleTimeout(Duration.ofMillis(300))
            .build();
    open.add(c);
    return c;
  }

  private ScriptedServer server(ScriptedServer.Step... steps) throws Exception {
    ScriptedServer s = new ScriptedServer(steps);
    open.add(s);
    return s;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  @Test
  void aGapInTheStreamFailsLoudly() throws Exception {
    ScriptedServer s =
        server(
            stream(
                sse(event(1, "run.queued")),
                sse(event(2, "run.started")),
                sse(event(4, "progress"))));

    assertThatThrownBy(() -> client(s, FAST).follow("r1", 0, seen::add))
        .isInstanceOf(SpoolClientException.class)
        .hasMessage(
            "the event stream of run r1 after seq 2 skipped to seq 4 (a gap: seq 3 never came)");
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
  }

  @Test
  void aDuplicateAfterAReconnectFailsLoudly() throws Exception {
    ScriptedServer s =
        server(
            stream(sse(event(1, "run.queued")), sse(event(2, "run.started"))),
            stream(sse(event(2, "run.started"))));

    assertThatThrownBy(() -> client(s, FAST).follow("r1", 0, seen::add))
        .hasMessage("the event stream of run r1 after seq 2 sent seq 2 again (a duplicate)");
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
  }

  @Test
  void aStreamThatEndsEarlyIsResumedAfterTheLastEventDelivered() throws Exception {
    ScriptedServer s =
        server(
            stream(
                sse(event(1, "run.queued")), sse(event(2, "run.started")) + "id: 3\ndata: {\"se"),
            stream(sse(event(3, "progress")), sse(event(4, "run.completed"))));

    Event terminal = client(s, FAST).follow("r1", 0, seen::add);

    assertThat(terminal).isEqualTo(event(4, "run.completed"));
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(s.requests).hasSize(2);
    assertThat(s.requests.get(0).uri().getQuery()).isEqualTo("after=0");
    assertThat(s.requests.get(1).uri().getQuery()).isEqualTo("after=2");
    assertThat(s.requests.get(1).header("Last-Event-ID")).isEqualTo("2");
    assertThat(s.requests.get(1).header("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void serverErrorsAreRiddenOut() throws Exception {
    ScriptedServer s =
        server(
            problem(503, "Store unavailable", "try again shortly"),
            ScriptedServer.withHeader(
                "Retry-After", "0", problem(500, "Internal server error", "oops")),
            stream(sse(event(1, "run.queued")), sse(event(2, "run.failed"))));
    SpoolClient c = client(s, FAST);

    try (Subscription sub = c.subscribe("r1", 0, seen::add)) {
      assertThat(sub.await().type()).isEqualTo("run.failed");
      assertThat(sub.reconnects()).isEqualTo(2);
    }
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
  }

  @Test
  void aSilentStreamCountsAsLostAndIsReconnected() throws Exception {
    ScriptedServer s =
        server(
            ScriptedServer.streamThenSilence(3_000, sse(event(1, "run.queued"))),
            stream(sse(event(2, "run.cancelled"))));

    Event terminal = client(s, FAST).follow("r1", 0, seen::add);

    assertThat(terminal.type()).isEqualTo("run.cancelled");
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
    assertThat(s.requests.get(1).uri().getQuery()).isEqualTo("after=1");
  }

  @Test
  void givesUpWhenTheServerKeepsFailing() throws Exception {
    ScriptedServer s =
        server(
            problem(503, "Store unavailable", "down"),
            problem(503, "Store unavailable", "down"),
            problem(503, "Store unavailable", "down"),
            problem(503, "Store unavailable", "still down"));

    assertThatThrownBy(() -> client(s, FAST.withMaxAttempts(3)).follow("r1", 0, seen::add))
        .isInstanceOf(SpoolClientException.class)
        .hasMessage(
            "gave up following run r1 after seq 0 (3 reconnects in a row made no progress):"
                + " Store unavailable (HTTP 503): still down");
    assertThat(s.requests).hasSize(4);
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    ScriptedServer s =
        server(
            stream(sse(event(1, "run.queued"))),
            problem(401, "Unauthorized", "the key was revoked"));

    assertThatThrownBy(() -> client(s, FAST).follow("r1", 0, seen::add))
        .isInstanceOfSatisfying(
            SpoolClientException.class,
            e -> {
              assertThat(e.status()).hasValue(401);
              assertThat(e.detail()).contains("the key was revoked");
            });
    assertThat(s.requests).hasSize(2);
  }

  @Test
  void anAnswerThatIsNotAnEventStreamFails() throws Exception {
    ScriptedServer s = server(ScriptedServer.text(200, "text/html", "<html>login</html>"));

    assertThatThrownBy(() -> client(s, FAST).follow("r1", 0, seen::add))
        .hasMessage(
            "GET /v1/runs/r1/events?after=0 answered text/html instead of an event stream"
                + " (text/event-stream)");
  }

  @Test
  void anErrorThatIsNotAProblemStillReadsAsOneLine() throws Exception {
    ScriptedServer s =
        server(ScriptedServer.text(502, "text/html", "<html>\n<b>Bad gateway</b>\n</html>"));

    assertThatThrownBy(() -> client(s, FAST).run("r1"))
        .isInstanceOfSatisfying(
            SpoolClientException.class,
            e -> {
              assertThat(e.status()).hasValue(502);
              assertThat(e.title()).contains("Bad gateway");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Bad gateway (HTTP 502): GET /v1/runs/r1 answered 502: <html> <b>Bad"
                          + " gateway</b> </html>");
            });
  }

  @Test
  void anAnswerMissingAFieldNamesIt() throws Exception {
    ScriptedServer s =
        server(
            ScriptedServer.text(200, "application/json", "{\"runId\":\"r1\",\"signal\":\"go\"}"));

    assertThatThrownBy(() -> client(s, FAST).signal("r1", "go", "1"))
        .hasMessage("POST /v1/runs/r1/signals/go sent no \"seq\"");
  }
}
