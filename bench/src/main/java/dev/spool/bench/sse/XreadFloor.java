package dev.spool.bench.sse;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The floor under a Redis-backed event stream: one publisher {@code XADD}s entries carrying their
 * {@link System#nanoTime()} to a bare stream, N subscribers each block in {@code XREAD BLOCK} on a
 * connection of their own. Same publishing rate and timing as the Spool variants.
 */
final class XreadFloor {
  private XreadFloor() {}

  static Map<String, Object> measure(
      String address, int subscribers, int events, int warmup, int intervalMs) throws Exception {
    RedisClient client = RedisClient.create("redis://" + address);
    String key = "bench-xread-" + UUID.randomUUID();
    Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
    AtomicLong received = new AtomicLong();
    CountDownLatch ended = new CountDownLatch(subscribers);
    List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    try {
      for (int s = 0; s < subscribers; s++) {
        StatefulRedisConnection<String, String> c = client.connect();
        connections.add(c);
        readers.add(
            Thread.ofVirtual()
                .start(
                    () -> read(c.sync(), key, warmup + events, warmup, latency, received, ended)));
      }
      Thread.sleep(200); // readers reach their first XREAD
      try (StatefulRedisConnection<String, String> pub = client.connect()) {
        for (int i = 0; i < warmup + events; i++) {
          pub.sync()
              .xadd(key, Map.of("i", Integer.toString(i), "t", Long.toString(System.nanoTime())));
          Thread.sleep(intervalMs);
        }
        boolean allEnded = ended.await(5, TimeUnit.MINUTES);
        pub.sync().del(key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscribers", subscribers);
        out.put("allEnded", allEnded);
        out.put("expected", (long) events * subscribers);
        out.put("received", received.get());
        out.put("p50Micros", latency.getValueAtPercentile(50));
        out.put("p90Micros", latency.getValueAtPercentile(90));
        out.put("p99Micros", latency.getValueAtPercentile(99));
        out.put("maxMicros", latency.getMaxValue());
        return out;
      }
    } finally {
      readers.forEach(Thread::interrupt);
      connections.forEach(StatefulRedisConnection::close);
      client.shutdown();
    }
  }

  private static void read(
      RedisCommands<String, String> redis,
      String key,
      int total,
      int warmup,
      Histogram latency,
      AtomicLong received,
      CountDownLatch ended) {
    String last = "0-0";
    int seen = 0;
    try {
      while (seen < total) {
        List<StreamMessage<String, String>> batch =
            redis.xread(
                XReadArgs.Builder.block(5000).count(500), XReadArgs.StreamOffset.from(key, last));
        long now = System.nanoTime();
        for (StreamMessage<String, String> m : batch) {
          last = m.getId();
          seen++;
          if (Integer.parseInt(m.getBody().get("i")) >= warmup) {
            latency.recordValue(Math.max(1, (now - Long.parseLong(m.getBody().get("t"))) / 1000));
            received.incrementAndGet();
          }
        }
      }
    } catch (RuntimeException e) {
      // interrupted or disconnected at the end
    } finally {
      ended.countDown();
    }
  }
}
