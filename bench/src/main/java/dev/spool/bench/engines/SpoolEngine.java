package dev.spool.bench.engines;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Spool;
import dev.spool.store.Store;
import dev.spool.worker.Worker;
import java.util.Optional;

/**
 * Spool in-process: {@link Spool#start} then {@link Spool#follow} until the run's terminal event,
 * with one worker in the same JVM (what an application embedding Spool does).
 */
public final class SpoolEngine implements Engine {
  private final Store store;
  private final Spool spool;
  private final Worker worker;

  public SpoolEngine(Store store, int workerConcurrency) {
    this.store = store;
    this.spool = Spool.builder(store).register(BenchWorkflows.STEPS).build();
    this.worker = Worker.start(spool, workerConcurrency);
  }

  @Override
  public void run(int steps) throws Exception {
    String id =
        spool
            .start(BenchWorkflows.STEPS.name(), BenchWorkflows.input(steps), Optional.empty())
            .run()
            .runId();
    Event end = spool.follow(id, 0, e -> {});
    if (!EventTypes.RUN_COMPLETED.equals(end.type())) {
      throw new IllegalStateException("run " + id + " ended with " + end.toJson());
    }
  }

  @Override
  public String describe() {
    return "in-process Spool.start + Spool.follow, one worker in the same JVM, store "
        + store.describe();
  }

  @Override
  public void close() {
    worker.close();
    store.close();
  }
}
