package dev.spool.client;

import dev.spool.Event;
import dev.spool.Spool;
import dev.spool.builtin.Builtins;
import dev.spool.server.SpoolServer;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Both planes of a real Spool in this JVM, as {@code spool dev} runs them: a SQLite store in a temp
 * folder, the built-in workflows, a worker (unless asked not to), and the HTTP API on a free
 * loopback port. Closes everything it opened, newest first.
 */
final class Harness implements AutoCloseable {
  final SqliteRunStore store;
  final Spool spool;
  final Optional<Worker> worker;
  SpoolServer server;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  Harness(Path dir) {
    this(dir, true, b -> b.requireApiKeys(false));
  }

  /**
   * @param withWorker false leaves every run queued (only the API plane is up)
   */
  Harness(Path dir, boolean withWorker, Consumer<SpoolServer.Builder> options) {
    store = SqliteRunStore.open(dir.resolve("spool.db"));
    Spool.Builder sb = Spool.builder(store);
    Builtins.all().forEach(sb::register);
    spool = sb.build();
    worker = withWorker ? Optional.of(Worker.start(spool, 4)) : Optional.empty();
    SpoolServer.Builder b = SpoolServer.builder(spool).host("127.0.0.1").port(0);
    options.accept(b);
    server = b.build().start();
  }

  /** Stops the API, leaves it down for {@code pause}, then serves again on the same port. */
  void restartServer(Duration pause) throws InterruptedException {
    int port = server.port();
    server.close();
    Thread.sleep(pause);
    server = SpoolServer.builder(spool).host("127.0.0.1").port(port).requireApiKeys(false).build();
    server.start();
  }

  URI baseUri() {
    return server.baseUri();
  }

  /** A client of this server with fast reconnects, closed with the harness. */
  SpoolClient client() {
    return client(baseUri());
  }

  SpoolClient client(URI base) {
    return client(SpoolClient.builder(base));
  }

  SpoolClient client(SpoolClient.Builder b) {
    SpoolClient c =
        b.requestTimeout(Duration.ofSeconds(20))
            .reconnectPolicy(
                ReconnectPolicy.defaults()
                    .withDelays(Duration.ofMillis(5), Duration.ofMillis(100))
                    .withGiveUpAfter(Duration.ofSeconds(20)))
            .build();
    closeables.add(c);
    return c;
  }

  <T extends AutoCloseable> T closeLater(T c) {
    closeables.add(c);
    return c;
  }

  /** Every event the store holds for a run. */
  List<Event> stored(String runId) {
    return store.readEvents(runId, 0, 100_000);
  }

  @Override
  public void close() {
    Exception first = null;
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    server.close();
    worker.ifPresent(Worker::close);
    store.close();
    if (first != null) {
      throw new IllegalStateException("closing the harness failed", first);
    }
  }
}
