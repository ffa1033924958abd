package dev.spool.server;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An SSE client reading a stream on a virtual thread of its own until the server ends it, so that a
 * test can hold many open at once and see how far each has got.
 */
final class SseReader {
  private final CompletableFuture<Sse> done = new CompletableFuture<>();
  private volatile long lastId;

  private SseReader() {}

  /** Opens {@code path} as SSE with the extra headers given, and starts reading it. */
  static SseReader open(ServerHarness h, String path, String... headers) {
    SseReader r = new SseReader();
    List<String> all = new ArrayList<>(List.of("Accept", "text/event-stream"));
    all.addAll(List.of(headers));
    Thread.ofVirtual().start(() -> r.read(h, path, all.toArray(String[]::new)));
    return r;
  }

  private void read(ServerHarness h, String path, String[] headers) {
    try {
      HttpResponse<InputStream> res =
          h.http.send(
              h.request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (res.statusCode() != 200) {
        throw new AssertionError("GET " + path + " answered " + res.statusCode());
      }
      List<String> lines = new ArrayList<>();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
          if (line.startsWith("id: ")) {
            lastId = Long.parseLong(line.substring(4));
          }
        }
      }
      done.complete(Sse.parse(lines));
    } catch (Exception | AssertionError e) {
      done.completeExceptionally(e);
    }
  }

  /** Waits until this client has the event with id {@code seq} (or a later one). */
  void awaitId(long seq) throws InterruptedException {
    long deadline = System.nanoTime() + ServerHarness.TIMEOUT.toNanos();
    while (lastId < seq) {
      if (System.nanoTime() > deadline || done.isDone()) {
        throw new AssertionError("stream reached id " + lastId + ", not " + seq);
      }
      Thread.sleep(10);
    }
  }

  /** The whole stream, once the server has ended it. */
  Sse await() throws Exception {
    return done.get(ServerHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
