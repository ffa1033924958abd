package dev.spool.server;

import dev.spool.Workflow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test workflow that publishes {@code events} progress events as fast as it can, each padded to
 * {@code pad} chars, and holds before event {@code holdAt} until the test opens its gate (a latch
 * in this JVM, which the worker and the test share).
 */
final class Burst {
  /** The run's input. */
  record Input(String gate, int events, int pad, int holdAt) {}

  /** One progress payload. */
  record Tick(int i, String pad) {}

  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

  static final Workflow<Input, Integer> WORKFLOW =
      Workflow.of(
          "burst",
          Input.class,
          Integer.class,
          (ctx, in) -> {
            String pad = "x".repeat(in.pad());
            for (int i = 0; i < in.events(); i++) {
              CountDownLatch gate = GATES.get(in.gate());
              if (i == in.holdAt() && gate != null && !gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not open gate " + in.gate());
              }
              ctx.progress(new Tick(i, pad));
            }
            return in.events();
          });

  private Burst() {}

  /** A closed gate named {@code key}. */
  static CountDownLatch gate(String key) {
    CountDownLatch latch = new CountDownLatch(1);
    GATES.put(key, latch);
    return latch;
  }

  static String input(String gate, int events, int pad, int holdAt) {
    return dev.spool.Json.write(new Input(gate, events, pad, holdAt));
  }
}
