package dev.spool.bench.engines;

import dev.spool.Spool;
import dev.spool.client.RunResult;
import dev.spool.client.SpoolClient;
import dev.spool.server.SpoolServer;
import dev.spool.store.Store;
import dev.spool.worker.Worker;
import java.time.Duration;

/**
 * Spool over its HTTP API, as a remote client uses it: {@code POST /v1/workflows/…/runs} then
 * {@code GET /v1/runs/{id}/result?wait=} through {@link SpoolClient}, against a {@link SpoolServer}
 * on loopback; the worker runs in the same JVM as the server (like {@code spool dev}).
 */
public final class SpoolHttpEngine implements Engine {
  private final Store store;
  private final Worker worker;
  private final SpoolServer server;
  private final SpoolClient client;

  public SpoolHttpEngine(Store store, int workerConcurrency) {
    this.store = store;
    Spool spool = Spool.builder(store).register(BenchWorkflows.STEPS).build();
    this.worker = Worker.start(spool, workerConcurrency);
    this.server = SpoolServer.builder(spool).port(0).requireApiKeys(false).build().start();
    this.client = SpoolClient.builder(server.baseUri()).build();
  }

  @Override
  public void run(int steps) {
    String id = client.start(BenchWorkflows.STEPS.name(), BenchWorkflows.input(steps)).runId();
    RunResult r =
        client
            .awaitResult(id, Duration.ofMinutes(2))
            .orElseThrow(() -> new IllegalStateException("run " + id + " did not end in 2 min"));
    if (!r.isCompleted()) {
      throw new IllegalStateException("run " + id + " ended " + r);
    }
  }

  @Override
  public String describe() {
    return "SpoolClient over HTTP (start, then result?wait=) to SpoolServer on loopback, worker in"
        + " the server's JVM, store "
        + store.describe();
  }

  @Override
  public void close() {
    client.close();
    server.close();
    worker.close();
    store.close();
  }
}
