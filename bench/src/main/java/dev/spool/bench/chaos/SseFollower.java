package dev.spool.bench.chaos;

import dev.spool.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client following one run's SSE stream ({@code GET /v1/runs/{id}/events}) the way a flaky
 * browser would: it reads the raw stream itself, drops the connection after a random number of
 * events or a random time, and reconnects to a random API server with {@code Last-Event-ID}; while
 * Redis is down it retries on 503 and connection errors. It keeps every event it received, in the
 * order received, and counts gaps ({@code seq > last + 1}) and duplicates ({@code seq <= last})
 * itself; it never skips or reorders anything.
 */
final class SseFollower {
  private final String runId;
  private final List<URI> apis;
  private final HttpClient http;
  private final Random random;
  private final long deadlineNanos;

  private final List<String> received = new ArrayList<>();
  private long last;
  private boolean terminal;
  private int gaps;
  private int missing;
  private int duplicates;
  private int connections;
  private int drops;
  private int retries;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Integer> retryCauses = new TreeMap<>();

  SseFollower(String runId, List<URI> apis, HttpClient http, long seed, long deadlineNanos) {
    this.runId = runId;
    this.apis = apis;
    this.http = http;
    this.random = new Random(seed);
    this.deadlineNanos = deadlineNanos;
  }

  /** What the client saw: its events as received, and its own counts. */
  record Seen(
      String runId,
      List<String> events,
      boolean terminal,
      int gaps,
      int missing,
      int duplicates,
      int connections,
      int drops,
      int retries,
      Map<String, Integer> retryCauses,
      List<String> problems) {}

  /** Follows until the run's terminal event arrives or the deadline passes. */
  Seen follow() throws InterruptedException {
    while (!terminal && System.nanoTime() < deadlineNanos) {
      URI api = apis.get(random.nextInt(apis.size()));
      int dropAfterEvents = 1 + random.nextInt(30);
      long dropAfterMillis = 200 + random.nextInt(3800);
      connections++;
      String refused;
      try {
        refused = connect(api, dropAfterEvents, dropAfterMillis);
      } catch (java.io.IOException e) {
        refused = e.getClass().getSimpleName();
      }
      if (!refused.isEmpty()) {
        retries++;
        retryCauses.merge(refused, 1, Integer::sum);
        Thread.sleep(100 + random.nextInt(400));
      }
    }
    if (!terminal) {
      problems.add("no terminal event before the deadline (last seq " + last + ")");
    }
    return new Seen(
        runId,
        List.copyOf(received),
        terminal,
        gaps,
        missing,
        duplicates,
        connections,
        drops,
        retries,
        Map.copyOf(retryCauses),
        List.copyOf(problems));
  }

  /** One connection; empty, or why the server refused (and it is worth retrying). */
  private String connect(URI api, int dropAfterEvents, long dropAfterMillis)
      throws java.io.IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(api.resolve("/v1/runs/" + runId + "/events"))
            .header("Accept", "text/event-stream");
    if (last > 0) {
      req.header("Last-Event-ID", Long.toString(last));
    }
    // The publisher handler answers at the headers, so the stream is read as it arrives.
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
        http.sendAsync(req.GET().build(), HttpResponse.BodyHandlers.ofPublisher());
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> res;
    try {
      res = sent.get(15, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof java.io.IOException io
          ? io
          : new java.io.IOException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      sent.cancel(true);
      throw new java.io.IOException("no response in 15 s", e);
    }
    Lines lines = new Lines(dropAfterEvents);
    if (res.statusCode() != 200) {
      res.body().subscribe(new Discard());
    }
    if (res.statusCode() == 204) {
      // Only for a finished run we have every event of: we stop at the terminal event, so a 204
      // means the terminal event never reached us.
      problems.add("204 at seq " + last + " without a terminal event");
      terminal = true;
      return "";
    }
    if (res.statusCode() != 200) {
      if (res.statusCode() != 503) {
        problems.add("HTTP " + res.statusCode() + " at seq " + last + " from " + api);
      }
      return "HTTP " + res.statusCode();
    }
    res.body().subscribe(lines);
    // Drop by time if the event count has not dropped it first.
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                if (!lines.ended.await(dropAfterMillis)) {
                  lines.drop();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    lines.ended.await();
    if (lines.dropped.get() && !terminal) {
      drops++;
    }
    return "";
  }

  /** Takes one complete SSE event (its id and data fields). */
  private void onEvent(long id, String data) {
    long seq = Json.tree(data).path("seq").asLong(-1);
    if (seq != id) {
      problems.add("event id " + id + " carries seq " + seq);
    }
    if (id <= last) {
      duplicates++;
    } else if (id > last + 1) {
      gaps++;
      missing += (int) (id - last - 1);
    }
    received.add(data);
    last = Math.max(last, id);
    String type = Json.tree(data).path("type").asText();
    if (dev.spool.EventTypes.isTerminal(type)) {
      terminal = true;
    }
  }

  /** The raw SSE parser, one connection's worth; lines arrive serially from the HTTP client. */
  private final class Lines implements Flow.Subscriber<List<ByteBuffer>> {
    private final int dropAfterEvents;
    private final Latch ended = new Latch();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long id = -1;
    private String data;
    private int events;

    Lines(int dropAfterEvents) {
      this.dropAfterEvents = dropAfterEvents;
    }

    /** Ends the connection; once this returns, no further line is taken. */
    void drop() {
      lock.lock();
      try {
        if (dropped.compareAndSet(false, true)) {
          subscription.cancel();
          ended.open();
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      lock.lock();
      try {
        for (ByteBuffer b : buffers) {
          while (b.hasRemaining()) {
            byte c = b.get();
            if (c == '\n') {
              String line = partial.toString(StandardCharsets.UTF_8);
              partial.reset();
              take(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            } else {
              partial.write(c);
            }
          }
        }
      } finally {
        lock.unlock();
      }
    }

    private void take(String line) {
      if (dropped.get()) {
        return; // anything after the drop is not "received"
      }
      if (line.isEmpty()) {
        if (id >= 0 && data != null) {
          onEvent(id, data);
          events++;
          if (terminal) {
            drop();
          } else if (events >= dropAfterEvents) {
            drop();
          }
        }
        id = -1;
        data = null;
      } else if (line.startsWith("id:")) {
        id = Long.parseLong(line.substring(3).trim());
      } else if (line.startsWith("data:")) {
        data = line.substring(5).trim();
      }
      // "event:", "retry:" and ":" comments carry nothing the check needs.
    }

    @Override
    public void onError(Throwable t) {
      ended.open();
    }

    @Override
    public void onComplete() {
      ended.open();
    }
  }

  /** Throws away the body of a refused request. */
  private static final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }

  /** A one-shot gate with a timed wait. */
  private static final class Latch {
    private final java.util.concurrent.CountDownLatch latch =
        new java.util.concurrent.CountDownLatch(1);

    void open() {
      latch.countDown();
    }

    boolean await(long millis) throws InterruptedException {
      return latch.await(millis, TimeUnit.MILLISECONDS);
    }

    void await() throws InterruptedException {
      latch.await();
    }
  }
}
