package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Keep-alives while idle, and that no stream or tail outlives its clients or the server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamLifecycleIT {
  @TempDir Path dir;
  ServerHarness h;

  @BeforeEach
  void start() {
    h = new ServerHarness(dir, b -> b.requireApiKeys(false).keepAlive(Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<InputStream> open(String path, String accept) throws Exception {
    return h.http.send(
        h.request(path, "Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  @Test
  void anIdleStreamGetsKeepAliveCommentsBetweenEvents() throws Exception {
    h.worker();
    String id = h.start("steps", "{\"steps\":1,\"stepMillis\":700}");

    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                open("/v1/runs/" + id + "/events", "text/event-stream").body(),
                StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    }
    Sse s = Sse.parse(lines).assertWellFormedToTheEnd();
    assertThat(s.comments()).contains(": keep-alive");
    int keepAlive = lines.indexOf(": keep-alive");
    int stepDone = lines.indexOf("event: step.completed");
    assertThat(keepAlive).isPositive().isLessThan(stepDone); // sent while the step worked
  }

  @Test
  void aClientThatGoesAwayReleasesItsStream() throws Exception {
    String id = h.start("hello", "{\"name\":\"Ada\"}"); // no worker: the stream stays idle
    HttpResponse<InputStream> r = open("/v1/runs/" + id + "/events", "text/event-stream");
    InputStream body = r.body();
    assertThat(new String(body.readNBytes(12), StandardCharsets.UTF_8)).isEqualTo("retry: 1000\n");
    h.awaitActiveWaits(1);

    body.close(); // the client hangs up; the next keep-alive write fails on the server

    h.awaitActiveWaits(0);
    h.awaitTails(0);
  }

  @Test
  void clientsOfOneRunShareOneTailThatStopsWhenTheLastLeaves() throws Exception {
    String id = h.start("hello", "{\"name\":\"Ada\"}"); // no worker: the streams stay idle
    List<InputStream> bodies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bodies.add(open("/v1/runs/" + id + "/events", "text/event-stream").body());
    }
    h.awaitActiveWaits(3);
    assertThat(h.server.activeTails()).isEqualTo(1);

    for (InputStream body : bodies) {
      body.close();
    }

    h.awaitActiveWaits(0);
    h.awaitTails(0);
  }

  @Test
  void closingTheServerEndsOpenStreams() throws Exception {
    String id = h.start("hello", "{\"name\":\"Ada\"}");
    HttpResponse<InputStream> r = open("/v1/runs/" + id + "/events", "application/x-ndjson");
    InputStream body = r.body();
    assertThat(new String(body.readNBytes(10), StandardCharsets.UTF_8)).startsWith("{\"seq\":1,");
    h.awaitActiveWaits(1);

    h.server.close();

    h.awaitActiveWaits(0);
    h.awaitTails(0);
    try {
      body.readAllBytes(); // ends (or fails) instead of hanging
    } catch (java.io.IOException expected) {
      // the connection was cut: also an end
    }
  }
}
