package dev.spool.bench.engines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The two client loads every engine gets: one run at a time, and C clients in a closed loop. */
final class Load {
  private Load() {}

  /**
   * Runs {@code warmup} then {@code runs} workflows one after another; returns each measured run's
   * latency in µs, from the start call to the client seeing the result.
   */
  static long[] latency(Engine engine, int steps, int warmup, int runs) throws Exception {
    for (int i = 0; i < warmup; i++) {
      engine.run(steps);
    }
    long[] micros = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      engine.run(steps);
      micros[i] = (System.nanoTime() - t0) / 1000;
    }
    return micros;
  }

  /**
   * {@code concurrency} clients on virtual threads each start a workflow and wait for it, again and
   * again. Counts the runs that complete inside the measuring window, after a warm-up window.
   */
  static Map<String, Object> throughput(
      Engine engine, int steps, int concurrency, double warmupSeconds, double seconds)
      throws Exception {
    long start = System.nanoTime();
    long from = start + (long) (warmupSeconds * 1e9);
    long until = from + (long) (seconds * 1e9);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Object> unused = new ArrayList<>();
      for (int c = 0; c < concurrency; c++) {
        unused.add(
            clients.submit(
                () -> {
                  while (System.nanoTime() < until && errors.get() < 100) {
                    long t0 = System.nanoTime();
                    try {
                      engine.run(steps);
                    } catch (Exception e) {
                      errors.incrementAndGet();
                      firstError.compareAndSet(null, e.toString());
                      continue;
                    }
                    long t1 = System.nanoTime();
                    if (t1 >= from && t1 < until) {
                      completed.incrementAndGet();
                      latency.recordValue(Math.max(1, (t1 - t0) / 1000));
                    }
                  }
                  return null;
                }));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("completed", completed.get());
    out.put("seconds", seconds);
    out.put("perSecond", completed.get() / seconds);
    out.put("p50Micros", latency.getValueAtPercentile(50));
    out.put("p99Micros", latency.getValueAtPercentile(99));
    out.put("errors", errors.get());
    if (firstError.get() != null) {
      out.put("firstError", firstError.get());
    }
    return out;
  }
}
