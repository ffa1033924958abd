package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import dev.spool.Spool;
import dev.spool.server.SpoolServer;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser refresh mid-run, the way the wire sees it: a client follows a blog-writer run over SSE
 * through the API, drops the connection while the sections stream, and reconnects with {@code
 * Last-Event-ID}. It gets every event once, and the post it assembles is the run's result.
 */
class BlogWriterRefreshIT {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aClientThatReconnectsMidRunMissesNothingAndSeesNothingTwice() throws Exception {
    try (Store store = SqliteRunStore.open(dir.resolve("spool.db"));
        BlogWriterApp app = BlogWriterApp.create(Map.of(), 400)) {
      Spool spool = Spool.builder(store).register(app.on(store.limits()).workflow()).build();
      try (Worker worker = Worker.start(spool, 2);
          SpoolServer server =
              SpoolServer.builder(spool).port(0).requireApiKeys(false).build().start()) {
        URI base = server.baseUri();
        HttpResponse<String> started =
            http.send(
                HttpRequest.newBuilder(base.resolve("/v1/workflows/blog-writer/runs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"streaming tokens\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = Json.tree(started.body()).path("runId").asText();
        URI events = base.resolve("/v1/runs/" + runId + "/events");

        List<Event> before =
            follow(
                events,
                0,
                e ->
                    e.type().equals(EventTypes.OUTPUT)
                        && Json.tree(e.data()).path("stream").asText().startsWith("section-"));
        long last = before.getLast().seq();
        List<Event> after = follow(events, last, Event::isTerminal);

        List<Event> all = new ArrayList<>(before);
        all.addAll(after);
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i).seq()).as("event %d", i + 1).isEqualTo(i + 1);
        }
        assertThat(after.getFirst().seq()).isEqualTo(last + 1);
        assertThat(all.getLast().type()).isEqualTo(EventTypes.RUN_COMPLETED);

        String post =
            Json.read(spool.run(runId).orElseThrow().result().orElseThrow(), String.class);
        assertThat(new OutputAssembler().acceptAll(all).text(BlogWriter.POST)).isEqualTo(post);
      }
    }
  }

  /**
   * Reads the run's SSE stream after {@code lastEventId} until {@code until} holds, then hangs up.
   */
  private List<Event> follow(URI events, long lastEventId, Predicate<Event> until)
      throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(events)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofMinutes(1));
    if (lastEventId > 0) {
      req.header("Last-Event-ID", Long.toString(lastEventId));
    }
    HttpResponse<InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    List<Event> out = new ArrayList<>();
    try (InputStream in = r.body();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        } else if (line.isEmpty() && !data.isEmpty()) {
          Event e = Event.fromJson(data.toString());
          data.setLength(0);
          out.add(e);
          if (until.test(e)) {
            return out;
          }
        }
      }
    }
    throw new AssertionError("the stream ended before the event awaited; got " + out.size());
  }
}
