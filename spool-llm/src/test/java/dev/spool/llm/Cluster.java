package dev.spool.llm;

import dev.spool.Event;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.RunInfo;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Several workers on one SQLite file, as separate processes would be: each has its own store
 * connection, its own {@link Spool} and its own {@link Llm} (so its own breakers), and they share
 * only what the store holds, the LLM limits included.
 */
final class Cluster implements AutoCloseable {
  final List<Store> stores = new ArrayList<>();
  final List<Spool> spools = new ArrayList<>();
  final List<Worker> workers = new ArrayList<>();

  Cluster(Path db, int n, int concurrency, Function<Store, Workflow<?, ?>> workflow) {
    for (int i = 0; i < n; i++) {
      Store store = SqliteRunStore.open(db);
      stores.add(store);
      Spool spool =
          Spool.builder(store)
              .register(workflow.apply(store))
              .leaseTtl(Duration.ofSeconds(5))
              .build();
      spools.add(spool);
    }
    for (Spool s : spools) {
      workers.add(Worker.start(s, concurrency));
    }
  }

  /** Starts {@code n} runs, spread over the workers' runtimes; returns their ids. */
  List<String> start(String workflow, int n, Function<Integer, String> input) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(spools.get(i % spools.size()).start(workflow, input.apply(i)).run().runId());
    }
    return ids;
  }

  /** Waits for every run to end and returns them. */
  List<RunInfo> awaitAll(List<String> ids, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    List<RunInfo> out = new ArrayList<>();
    for (String id : ids) {
      while (true) {
        RunInfo r = spools.get(0).run(id).orElseThrow();
        if (r.status().isTerminal()) {
          out.add(r);
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("run " + id + " did not end: " + r.status());
        }
        Thread.sleep(25);
      }
    }
    return out;
  }

  List<Event> events(String runId) {
    return stores.get(0).readEvents(runId, 0, 100_000);
  }

  List<Event> events(List<String> ids, String type) {
    List<Event> out = new ArrayList<>();
    for (String id : ids) {
      events(id).stream().filter(e -> e.type().equals(type)).forEach(out::add);
    }
    return out;
  }

  @Override
  public void close() {
    workers.forEach(Worker::close);
    stores.forEach(Store::close);
  }
}
