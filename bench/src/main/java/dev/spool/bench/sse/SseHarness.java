package dev.spool.bench.sse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.bench.proc.Protocol;
import dev.spool.client.SpoolClient;
import dev.spool.client.Subscription;
import dev.spool.server.SpoolServer;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import dev.spool.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Event stream latency: from a workflow's {@code ctx.progress} call to a subscriber holding the
 * event, with N subscribers on one run. Variant {@code sse}: {@link SpoolClient} subscriptions over
 * real HTTP to a {@link SpoolServer} (SSE); variant {@code store}: threads blocked in the store's
 * own {@code awaitEvents}, the floor any API on this store sits on. Worker, server and subscribers
 * share this JVM, so both ends read the same {@link System#nanoTime()} clock.
 *
 * <p>Variant {@code xread} (Redis only) is the floor under any Redis-backed stream: a publisher
 * {@code XADD}s to a bare stream and each subscriber blocks in {@code XREAD BLOCK} on a connection
 * of its own; no Spool code at all.
 *
 * <p>Usage: {@code SseHarness STORE_URI [REDIS_HOST:PORT]}, then {@code
 * {"op":"sse","variant":…,"subscribers":N, "events":E,"warmupEvents":W,"intervalMs":I}} commands.
 */
public final class SseHarness {
  private final Store store;
  private final Spool spool;
  private final SpoolServer server;
  private final SpoolClient client;
  private final String redisAddress;

  private SseHarness(Store store, String redisAddress) {
    this.store = store;
    this.redisAddress = redisAddress;
    this.spool = Spool.builder(store).register(Ticker.WORKFLOW).build();
    this.server = SpoolServer.builder(spool).port(0).requireApiKeys(false).build().start();
    this.client = SpoolClient.builder(server.baseUri()).build();
  }

  public static void main(String[] args) throws Exception {
    SseHarness h = new SseHarness(RunStores.open(args[0], false), args.length > 1 ? args[1] : "");
    try (Worker worker = Worker.start(h.spool, 16)) {
      Protocol.reply(Map.of("ready", true, "store", h.store.describe()));
      Protocol.serve(h::measure);
    } finally {
      h.client.close();
      h.server.close();
      h.store.close();
    }
    System.exit(0);
  }

  private Map<String, Object> measure(JsonNode cmd) throws Exception {
    String variant = cmd.path("variant").asText();
    int subscribers = cmd.path("subscribers").asInt();
    int events = cmd.path("events").asInt();
    int warmup = cmd.path("warmupEvents").asInt();
    if (variant.equals("xread")) {
      return XreadFloor.measure(
          redisAddress, subscribers, events, warmup, cmd.path("intervalMs").asInt(20));
    }
    String key = UUID.randomUUID().toString();
    CountDownLatch go = Ticker.gate(key);
    String input =
        Json.write(new Ticker.Input(key, warmup + events, cmd.path("intervalMs").asInt(20)));
    String runId = spool.start(Ticker.WORKFLOW.name(), input, Optional.empty()).run().runId();

    Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
    AtomicLong received = new AtomicLong();
    CountDownLatch connected = new CountDownLatch(subscribers);
    CountDownLatch ended = new CountDownLatch(subscribers);
    Consumer<Event> sink =
        e -> {
          long now = System.nanoTime();
          if (EventTypes.PROGRESS.equals(e.type())) {
            JsonNode tick = Json.tree(e.data());
            if (tick.path("i").asInt() >= warmup) {
              latency.recordValue(Math.max(1, (now - tick.path("t").asLong()) / 1000));
              received.incrementAndGet();
            }
          }
        };
    List<AutoCloseable> open = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int s = 0; s < subscribers; s++) {
      open.add(
          switch (variant) {
            case "sse" -> subscribe(runId, sink, connected, ended);
            case "store" -> awaitLoop(runId, sink, connected, ended);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
          });
    }
    boolean allConnected = connected.await(120, TimeUnit.SECONDS);
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    go.countDown();
    boolean allEnded = ended.await(10, TimeUnit.MINUTES);
    Ticker.forget(key);
    for (AutoCloseable c : open) {
      c.close();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subscribers", subscribers);
    out.put("allConnected", allConnected);
    out.put("connectSeconds", connectSeconds);
    out.put("allEnded", allEnded);
    out.put("expected", (long) events * subscribers);
    out.put("received", received.get());
    out.put("p50Micros", latency.getValueAtPercentile(50));
    out.put("p90Micros", latency.getValueAtPercentile(90));
    out.put("p99Micros", latency.getValueAtPercentile(99));
    out.put("maxMicros", latency.getMaxValue());
    return out;
  }

  private AutoCloseable subscribe(
      String runId, Consumer<Event> sink, CountDownLatch connected, CountDownLatch ended) {
    boolean[] first = {true};
    Subscription sub =
        client.subscribe(
            runId,
            0,
            e -> {
              if (first[0]) {
                first[0] = false;
                connected.countDown();
              }
              sink.accept(e);
            });
    sub.terminal().whenComplete((e, t) -> ended.countDown());
    return sub;
  }

  /** The floor: a reader blocked in the store's own wait, no HTTP, no JSON beyond the payload. */
  private AutoCloseable awaitLoop(
      String runId, Consumer<Event> sink, CountDownLatch connected, CountDownLatch ended) {
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  long after = 0;
                  boolean first = true;
                  try {
                    while (true) {
                      for (Event e : store.awaitEvents(runId, after, 500, Duration.ofSeconds(5))) {
                        if (first) {
                          first = false;
                          connected.countDown();
                        }
                        sink.accept(e);
                        after = e.seq();
                        if (e.isTerminal()) {
                          return;
                        }
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    ended.countDown();
                  }
                });
    return t::interrupt;
  }
}
