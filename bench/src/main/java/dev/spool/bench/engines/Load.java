package dev.spool.bench.engines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
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
   * again. After a warm-up of at least {@code warmupSeconds} and at least one completion per
   * client, counts the runs that complete in a window of at least {@code seconds} that also lasts
   * until it saw one completion per client, so that a slow engine is not measured on a window
   * shorter than one of its runs.
   */
  static Map<String, Object> throughput(
      Engine engine, int steps, int concurrency, double warmupSeconds, double seconds)
      throws Exception {
    AtomicLong completed = new AtomicLong();
    AtomicLong inWindow = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    long from;
    long until;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < concurrency; c++) {
        clients.submit(
            () -> {
              while (!stop.get() && errors.get() < 100) {
                long t0 = System.nanoTime();
                try {
                  engine.run(steps);
                } catch (Exception e) {
                  errors.incrementAndGet();
                  firstError.compareAndSet(null, e.toString());
                  continue;
                }
                completed.incrementAndGet();
                if (measuring.get()) {
                  inWindow.incrementAndGet();
                  latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                }
              }
              return null;
            });
      }
      long start = System.nanoTime();
      awaitPhase(start, warmupSeconds, () -> completed.get() >= concurrency);
      from = System.nanoTime();
      measuring.set(true);
      awaitPhase(from, seconds, () -> inWindow.get() >= concurrency);
      measuring.set(false);
      until = System.nanoTime();
      stop.set(true);
    }
    double window = (until - from) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("completed", inWindow.get());
    out.put("seconds", window);
    out.put("perSecond", inWindow.get() / window);
    out.put("p50Micros", latency.getValueAtPercentile(50));
    out.put("p99Micros", latency.getValueAtPercentile(99));
    out.put("errors", errors.get());
    if (firstError.get() != null) {
      out.put("firstError", firstError.get());
    }
    return out;
  }

  /** Waits until {@code minSeconds} passed and {@code done} holds, or two minutes passed. */
  private static void awaitPhase(long since, double minSeconds, BooleanSupplier done)
      throws InterruptedException {
    long min = since + (long) (minSeconds * 1e9);
    long max = since + 120_000_000_000L;
    while (System.nanoTime() < max && (System.nanoTime() < min || !done.getAsBoolean())) {
      Thread.sleep(5);
    }
  }
}
