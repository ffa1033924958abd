package dev.spool.bench.sse;

import dev.spool.Workflow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A workflow that publishes {@code events} progress events {@code intervalMs} apart, each carrying
 * the {@link System#nanoTime()} of its {@code ctx.progress} call, once the subscribers are
 * connected (a latch in this JVM: the worker, the server and the subscribers share it).
 */
final class Ticker {
  /** The run's input. */
  record Input(String key, int events, int intervalMs) {}

  /** One progress payload. */
  record Tick(int i, long t) {}

  private static final Map<String, CountDownLatch> GO = new ConcurrentHashMap<>();

  static final Workflow<Input, Integer> WORKFLOW =
      Workflow.of(
          "bench-ticker",
          Input.class,
          Integer.class,
          (ctx, in) -> {
            CountDownLatch go = GO.get(in.key());
            if (go != null && !go.await(120, TimeUnit.SECONDS)) {
              throw new IllegalStateException("subscribers did not connect in 120 s");
            }
            for (int i = 0; i < in.events(); i++) {
              ctx.progress(new Tick(i, System.nanoTime()));
              Thread.sleep(in.intervalMs());
            }
            return in.events();
          });

  private Ticker() {}

  static CountDownLatch gate(String key) {
    CountDownLatch latch = new CountDownLatch(1);
    GO.put(key, latch);
    return latch;
  }

  static void forget(String key) {
    GO.remove(key);
  }
}
