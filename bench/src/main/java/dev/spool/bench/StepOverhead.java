package dev.spool.bench;

import dev.spool.Spool;
import dev.spool.Worker;
import dev.spool.builtin.Steps;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.sqlite.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Per-step durable overhead: the latency of a 10-step {@code steps} run with {@code stepMillis} 0
 * on a fresh SQLite store, from start to {@code run.completed}, divided by its steps. Runs one
 * after another (concurrency 1), after a warm-up, and prints percentiles.
 *
 * <p>Usage: {@code StepOverhead [runs] [steps]} (defaults 300 and 10).
 */
public final class StepOverhead {
  private StepOverhead() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("spool-bench");
    try (RunStore store = SqliteRunStore.open(dir.resolve("bench.db"))) {
      Spool spool = Spool.builder(store).register(Steps.WORKFLOW).build();
      try (Worker worker = spool.startWorker(1)) {
        String input = "{\"steps\":" + steps + ",\"stepMillis\":0}";
        measure(spool, input, Math.max(20, runs / 5)); // warm-up: JIT, SQLite page cache
        List<Long> micros = measure(spool, input, runs);
        Collections.sort(micros);
        double p50 = micros.get(micros.size() / 2);
        double p99 =
            micros.get((int) Math.min(micros.size() - 1, Math.round(micros.size() * 0.99)));
        System.out.printf(
            "%d runs of %d steps (stepMillis 0) on %s, worker %s%n",
            runs, steps, store.describe(), worker.id());
        System.out.printf(
            "run latency p50 %.2f ms, p99 %.2f ms; per step p50 %.0f µs, p99 %.0f µs%n",
            p50 / 1000, p99 / 1000, p50 / steps, p99 / steps);
        double floor = SqliteFloor.microsPerCommit(dir.resolve("floor.db"), 2000);
        System.out.printf(
            "floor: one bare SQLite transaction (WAL, synchronous=NORMAL, one 200-byte row) p50 %.0f µs;"
                + " per step / floor = %.1fx%n",
            floor, (p50 / steps) / floor);
      }
    }
  }

  private static List<Long> measure(Spool spool, String input, int runs) throws Exception {
    List<Long> out = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      String id = spool.start("steps", input, Optional.empty()).run().runId();
      spool.follow(id, 0, e -> {});
      out.add((System.nanoTime() - t0) / 1000);
      RunInfo info = spool.run(id).orElseThrow();
      if (!info.status().isTerminal() || info.result().isEmpty()) {
        throw new IllegalStateException("run " + id + " did not complete: " + info);
      }
    }
    return out;
  }
}
