package dev.spool.bench.jmh;

import dev.spool.Event;
import dev.spool.Spool;
import dev.spool.bench.engines.BenchWorkflows;
import dev.spool.store.Store;
import dev.spool.store.memory.MemoryRunStore;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One run of the benchmark workflow, start to terminal event, in-process at concurrency 1. On the
 * memory store it is the engine's own cost (no I/O); on SQLite, the durable cost. Steps 0 and 10
 * give the cost of a run and of a step apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkflowBench {
  @Param({"memory", "sqlite"})
  public String store;

  @Param({"0", "10"})
  public int steps;

  private Store runStore;
  private Spool spool;
  private Worker worker;
  private String input;

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (store.equals("memory")) {
      runStore = new MemoryRunStore();
    } else {
      Path dir = Files.createTempDirectory("spool-jmh");
      runStore = SqliteRunStore.open(dir.resolve("jmh.db"));
    }
    spool = Spool.builder(runStore).register(BenchWorkflows.STEPS).build();
    worker = Worker.start(spool, 4);
    input = BenchWorkflows.input(steps);
  }

  @Benchmark
  public Event run() throws InterruptedException {
    String id = spool.start(BenchWorkflows.STEPS.name(), input, Optional.empty()).run().runId();
    return spool.follow(id, 0, e -> {});
  }

  @TearDown(Level.Trial)
  public void close() {
    worker.close();
    runStore.close();
  }
}
