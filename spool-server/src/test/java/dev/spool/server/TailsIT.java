package dev.spool.server;

import static dev.spool.server.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.store.RunInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients of one run share one tail in the server, and each still gets exactly the run's
 * stream: live from the start, resumed from inside or before the tail's window, or reading slowly;
 * long polls and result waits share the tail too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TailsIT {
  @TempDir Path dir;
  ServerHarness h;

  @BeforeEach
  void start() {
    h = new ServerHarness(dir, b -> b.requireApiKeys(false), Burst.WORKFLOW);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private List<Event> stored(String id, long after) {
    return h.store.readEvents(id, after, 100_000);
  }

  @Test
  void twoHundredClientsOfOneRunEachGetExactlyTheStoredStream() throws Exception {
    String id = h.start("steps", "{\"steps\":30,\"stepMillis\":10}"); // queued until a worker
    String events = "/v1/runs/" + id + "/events";
    List<SseReader> clients = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      clients.add(SseReader.open(h, events));
    }
    h.awaitActiveWaits(200);
    assertThat(h.server.activeTails()).isEqualTo(1);

    h.worker();

    for (SseReader c : clients) {
      assertThat(c.await().assertWellFormedToTheEnd().events()).isEqualTo(stored(id, 0));
    }
    assertThat(stored(id, 0)).hasSizeGreaterThan(90);
    h.awaitTails(0);
  }

  @Test
  void clientsResumingFromInsideOrBeforeTheWindowGetExactlyTheSuffix() throws Exception {
    String id = h.start("burst", Burst.input(1600, 50, 1500));
    String events = "/v1/runs/" + id + "/events";
    SseReader first = SseReader.open(h, events);
    h.worker();
    long held = awaitHeld(id);
    first.awaitId(held); // so the tail has gone past seq 1024: its window no longer holds seq 10

    SseReader before = SseReader.open(h, events, "Last-Event-ID", "10");
    SseReader inside = SseReader.open(h, events + "?after=" + (held - 20));
    SseReader atHead = SseReader.open(h, events, "Last-Event-ID", Long.toString(held));
    h.awaitActiveWaits(4);
    assertThat(h.server.activeTails()).isEqualTo(1);
    assertThat(h.post("/v1/runs/" + id + "/signals/go", "true").statusCode()).isLessThan(300);

    assertThat(first.await().assertWellFormedToTheEnd().events()).isEqualTo(stored(id, 0));
    assertThat(before.await().assertWellFormedToTheEnd().events()).isEqualTo(stored(id, 10));
    assertThat(inside.await().events()).isEqualTo(stored(id, held - 20));
    assertThat(atHead.await().events()).isEqualTo(stored(id, held));
    h.awaitTails(0);
  }

  @Test
  void longPollsAndResultWaitsOfOneRunShareItsTail() throws Exception {
    String id = h.start("steps", "{\"steps\":3}"); // queued until a worker
    String events = "/v1/runs/" + id + "/events?after=1&wait=15s";
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    List<Future<HttpResponse<String>>> polls = new ArrayList<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        results.add(clients.submit(() -> h.get("/v1/runs/" + id + "/result?wait=15s")));
        polls.add(clients.submit(() -> h.get(events, "Accept", "application/json")));
      }
      h.awaitActiveWaits(100);
      assertThat(h.server.activeTails()).isEqualTo(1);

      h.worker();

      String result = h.awaitEnd(id).result().orElseThrow();
      for (Future<HttpResponse<String>> r : results) {
        assertThat(r.get().statusCode()).isEqualTo(200);
        assertThat(json(r.get()).get("result")).isEqualTo(Json.tree(result));
      }
      for (Future<HttpResponse<String>> p : polls) {
        List<Event> page = new ArrayList<>();
        json(p.get()).get("events").forEach(e -> page.add(Event.fromJson(e.toString())));
        assertThat(page).isNotEmpty().isEqualTo(stored(id, 1).subList(0, page.size()));
      }
    }
    h.awaitTails(0);
  }

  /** Waits until the run waits for its signal; returns its last seq. */
  private long awaitHeld(String id) throws InterruptedException {
    long deadline = System.nanoTime() + ServerHarness.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      RunInfo run = h.store.getRun(id).orElseThrow();
      if (run.status() == RunStatus.WAITING) {
        return run.lastSeq();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("run " + id + " did not wait for its signal");
  }

  @Test
  void aClientThatStopsReadingHoldsUpNoOtherAndLaterGetsItsWholeStream() throws Exception {
    // 16 MB of events: more than the socket buffers between the server and a client hold.
    String id = h.start("burst", Burst.input(4000, 4000, -1));
    String events = "/v1/runs/" + id + "/events";
    try (Socket stalled = stalledClient(events)) {
      List<SseReader> others = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        others.add(SseReader.open(h, events));
      }
      h.awaitActiveWaits(6);
      h.worker();

      for (SseReader c : others) {
        assertThat(c.await().assertWellFormedToTheEnd().events()).isEqualTo(stored(id, 0));
      }
      h.awaitActiveWaits(1); // the stalled client's request, still writing

      String response = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int body = response.indexOf("\r\n\r\n");
      assertThat(response.substring(0, body)).startsWith("HTTP/1.").contains(" 200 ");
      List<String> lines = Arrays.asList(response.substring(body + 4).split("\n", -1));
      assertThat(Sse.parse(lines).assertWellFormedToTheEnd().events()).isEqualTo(stored(id, 0));
    }
    h.awaitActiveWaits(0);
    h.awaitTails(0);
  }

  /**
   * An HTTP/1.0 client (so the body is neither chunked nor kept alive) with a tiny receive buffer,
   * which reads nothing until the test reads its socket.
   */
  private Socket stalledClient(String path) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", h.server.port()));
    OutputStream out = s.getOutputStream();
    out.write(
        ("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }
}
