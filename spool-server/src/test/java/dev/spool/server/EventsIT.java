package dev.spool.server;

import static dev.spool.server.ProblemAssert.problem;
import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.store.RunInfo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventsIT {
  private static final String SSE = "text/event-stream";

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

  /** Reads a whole response line by line; returns when the server ends it. */
  private HttpResponse<List<String>> lines(String path, String... headers) {
    try {
      HttpResponse<java.util.stream.Stream<String>> r =
          h.http.send(h.request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofLines());
      List<String> all = r.body().collect(Collectors.toList());
      return new Wrapped<>(r, all);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Sse sse(String path, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Accept";
    all[1] = SSE;
    System.arraycopy(headers, 0, all, 2, headers.length);
    HttpResponse<List<String>> r = lines(path, all);
    assertThat(r.statusCode()).as("SSE %s", path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(SSE));
    return Sse.parse(r.body());
  }

  @Test
  void sseStreamsALiveRunToItsTerminalEventAndCloses() throws Exception {
    h.worker();
    String id = h.start("hello", "{\"name\":\"Ada\",\"chunkMillis\":5}");

    Sse s = sse("/v1/runs/" + id + "/events").assertWellFormedToTheEnd();

    RunInfo run = h.awaitEnd(id);
    assertThat(s.seqs()).isEqualTo(Sse.range(0, run.lastSeq()));
    assertThat(s.events().getFirst().type()).isEqualTo("run.queued");
    assertThat(s.events().getLast().type()).isEqualTo("run.completed");
    assertThat(s.events()).isEqualTo(h.store.readEvents(id, 0, 1000));
    String text =
        s.events().stream()
            .filter(e -> e.type().equals("output"))
            .map(e -> Event.class.cast(e).data())
            .map(d -> dev.spool.Json.tree(d).get("chunk").asText())
            .collect(Collectors.joining());
    assertThat(dev.spool.Json.tree(run.result().orElseThrow()).asText()).isEqualTo(text);
  }

  @Test
  void resumingAFinishedRunGivesExactlyTheSuffix() throws Exception {
    h.worker();
    String id = h.start("steps", "{\"steps\":4}");
    long last = h.awaitEnd(id).lastSeq();
    List<Event> all = h.store.readEvents(id, 0, 1000);
    String events = "/v1/runs/" + id + "/events";

    for (long k : new long[] {0, 1, 2, last / 2, last - 1}) {
      Sse byHeader = sse(events, "Last-Event-ID", Long.toString(k)).assertWellFormedToTheEnd();
      Sse byQuery = sse(events + "?after=" + k).assertWellFormedToTheEnd();
      assertThat(byHeader.events()).as("after %d", k).isEqualTo(all.subList((int) k, all.size()));
      assertThat(byQuery.events()).as("after=%d", k).isEqualTo(byHeader.events());
    }
    // SSE is the default when the client does not say what it accepts.
    HttpResponse<List<String>> plain = lines(events + "?after=" + (last - 1));
    assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith(SSE);
    assertThat(Sse.parse(plain.body()).seqs()).containsExactly(last);
    // The header wins over the query parameter.
    assertThat(sse(events + "?after=1", "Last-Event-ID", Long.toString(last - 1)).seqs())
        .containsExactly(last);

    HttpResponse<String> end = h.get(events + "?after=" + last, "Accept", SSE);
    assertThat(end.statusCode()).isEqualTo(204);
    assertThat(end.body()).isEmpty();
    assertThat(h.get(events, "Accept", SSE, "Last-Event-ID", Long.toString(last)).statusCode())
        .isEqualTo(204);
  }

  @Test
  void resumingALiveRunAtSeveralPointsGivesExactlyTheSuffix() throws Exception {
    String id = h.start("steps", "{\"steps\":8,\"stepMillis\":120}");
    String events = "/v1/runs/" + id + "/events";
    CompletableFuture<Sse> full = CompletableFuture.supplyAsync(() -> sse(events));
    h.worker();

    List<Long> cursors = new ArrayList<>();
    List<CompletableFuture<Sse>> resumed = new ArrayList<>();
    for (long wanted : new long[] {2, 6, 12}) {
      long cursor = awaitSeq(id, wanted);
      cursors.add(cursor);
      resumed.add(
          CompletableFuture.supplyAsync(() -> sse(events, "Last-Event-ID", Long.toString(cursor))));
    }
    List<Event> all = full.get(20, TimeUnit.SECONDS).assertWellFormedToTheEnd().events();
    long last = h.awaitEnd(id).lastSeq();
    assertThat(all).extracting(Event::seq).isEqualTo(Sse.range(0, last));
    for (int i = 0; i < cursors.size(); i++) {
      long k = cursors.get(i);
      Sse s = resumed.get(i).get(20, TimeUnit.SECONDS).assertWellFormedToTheEnd();
      assertThat(s.events())
          .as("resumed live after %d", k)
          .isEqualTo(all.subList((int) k, all.size()));
    }
    assertThat(h.store.getRun(id).orElseThrow().status().wireName()).isEqualTo("completed");
  }

  /** Waits until the run has at least {@code seq} events and it is still running; returns it. */
  private long awaitSeq(String id, long seq) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      RunInfo r = h.store.getRun(id).orElseThrow();
      if (r.lastSeq() >= seq) {
        assertThat(r.status().isTerminal()).as("still live at seq %d", r.lastSeq()).isFalse();
        return r.lastSeq();
      }
      h.store.awaitEvents(id, r.lastSeq(), 10, java.time.Duration.ofMillis(200));
    }
    throw new AssertionError("run did not reach seq " + seq);
  }

  @Test
  void ndjsonIsOneEventPerLineWithTheSameResumeAndEndRules() throws Exception {
    h.worker();
    String id = h.start("steps", "{\"steps\":3,\"stepMillis\":20}");
    String events = "/v1/runs/" + id + "/events";

    HttpResponse<List<String>> live = lines(events, "Accept", "application/x-ndjson");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
    List<Event> got = live.body().stream().filter(l -> !l.isEmpty()).map(Event::fromJson).toList();
    long last = h.awaitEnd(id).lastSeq();
    assertThat(got).isEqualTo(h.store.readEvents(id, 0, 1000));
    assertThat(got.getLast().isTerminal()).isTrue();

    HttpResponse<List<String>> tail = lines(events + "?after=2", "Accept", "application/x-ndjson");
    assertThat(tail.body().stream().map(Event::fromJson).map(Event::seq).toList())
        .isEqualTo(Sse.range(2, last));
    assertThat(h.get(events + "?after=" + last, "Accept", "application/x-ndjson").statusCode())
        .isEqualTo(204);
  }

  @Test
  void longPollReturnsAPageAndWaitsForTheNextEvent() throws Exception {
    String id = h.start("steps", "{\"steps\":2,\"stepMillis\":20}");
    String events = "/v1/runs/" + id + "/events";

    JsonNode first = json(h.get(events, "Accept", "application/json"));
    assertThat(first.get("events")).hasSize(1);
    assertThat(first.get("events").get(0).get("type").asText()).isEqualTo("run.queued");
    assertThat(first.get("lastSeq").asLong()).isEqualTo(1);
    assertThat(first.get("done").asBoolean()).isFalse();

    long t0 = System.nanoTime();
    JsonNode idle = json(h.get(events + "?after=1&wait=300ms"));
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(idle.get("events")).isEmpty();
    assertThat(idle.get("lastSeq").asLong()).isEqualTo(1);
    assertThat(idle.get("done").asBoolean()).isFalse();

    h.worker();
    List<Long> seqs = new ArrayList<>(List.of(1L));
    long after = 1;
    boolean done = false;
    for (int polls = 0; !done && polls < 100; polls++) {
      JsonNode page = json(h.get(events + "?after=" + after + "&wait=10s"));
      page.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
      after = page.get("lastSeq").asLong();
      done = page.get("done").asBoolean();
    }
    assertThat(done).isTrue();
    long last = h.awaitEnd(id).lastSeq();
    assertThat(seqs).isEqualTo(Sse.range(0, last));
    JsonNode end = json(h.get(events + "?after=" + last, "Accept", "application/json"));
    assertThat(end.get("events")).isEmpty();
    assertThat(end.get("done").asBoolean()).isTrue();
    assertThat(problem(h.get(events + "?wait=61s"), 400, "bad-request")).contains("60s");
  }

  @Test
  void badCursorsSayWhatIsWrong() {
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    String events = "/v1/runs/" + id + "/events";

    assertThat(problem(h.get(events + "?after=abc"), 400, "bad-request"))
        .contains("after=abc", "whole number");
    assertThat(problem(h.get(events + "?after=-1"), 400, "bad-request")).contains("after=-1");
    assertThat(problem(h.get(events + "?after=99"), 400, "bad-request"))
        .contains("after=99", "last event is seq 1");
    assertThat(problem(h.get(events, "Last-Event-ID", "x7"), 400, "bad-request"))
        .contains("Last-Event-ID=x7");
    assertThat(problem(h.get("/v1/runs/nope/events"), 404, "unknown-run")).contains("nope");
  }

  /** An HttpResponse with its body replaced by the lines read from it. */
  private record Wrapped<T>(HttpResponse<?> r, T body) implements HttpResponse<T> {
    @Override
    public int statusCode() {
      return r.statusCode();
    }

    @Override
    public java.net.http.HttpRequest request() {
      return r.request();
    }

    @Override
    public java.util.Optional<HttpResponse<T>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return r.headers();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return r.sslSession();
    }

    @Override
    public java.net.URI uri() {
      return r.uri();
    }

    @Override
    public java.net.http.HttpClient.Version version() {
      return r.version();
    }
  }
}
