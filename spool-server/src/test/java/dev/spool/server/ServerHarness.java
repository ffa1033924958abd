package dev.spool.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.builtin.Builtins;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A real server on a free loopback port over a real SQLite store in a temp folder, with the
 * built-in workflows, and a JDK HTTP client to call it. A worker (the compute plane, beside the
 * server as in {@code spool dev}) starts only when a test asks for one.
 */
final class ServerHarness implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  final SqliteRunStore store;
  final Spool spool;
  final SpoolServer server;
  final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  ServerHarness(Path dir) {
    this(dir, b -> b.requireApiKeys(false));
  }

  ServerHarness(Path dir, Consumer<SpoolServer.Builder> options, Workflow<?, ?>... more) {
    store = SqliteRunStore.open(dir.resolve("spool.db"));
    Spool.Builder sb = Spool.builder(store);
    Builtins.all().forEach(sb::register);
    sb.register(more);
    spool = sb.build();
    SpoolServer.Builder b = SpoolServer.builder(spool).port(0);
    options.accept(b);
    server = b.build().start();
  }

  Worker worker() {
    Worker w = Worker.start(spool, 4);
    closeables.add(w);
    return w;
  }

  URI uri(String path) {
    return server.baseUri().resolve(path);
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return b;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request " + request + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts a run through the API and returns its id. */
  String start(String workflow, String input) {
    HttpResponse<String> r = post("/v1/workflows/" + workflow + "/runs", input);
    if (r.statusCode() != 202) {
      throw new AssertionError("start failed: " + r.statusCode() + " " + r.body());
    }
    return json(r).get("runId").asText();
  }

  /** Waits (through the store, not the API) until the run has ended. */
  RunInfo awaitEnd(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      RunInfo r = store.getRun(runId).orElseThrow();
      if (r.status().isTerminal()) {
        return r;
      }
      store.awaitEvents(runId, r.lastSeq(), 100, Duration.ofMillis(500));
    }
    throw new AssertionError("run " + runId + " did not end in " + TIMEOUT);
  }

  /** Waits until exactly {@code n} requests wait on the store (streams, long polls, waits). */
  void awaitActiveWaits(int n) throws InterruptedException {
    awaitCount("waiting requests", n, server::activeWaits);
  }

  /** Waits until exactly {@code n} runs are followed through a shared tail in the server. */
  void awaitTails(int n) throws InterruptedException {
    awaitCount("followed runs", n, server::activeTails);
  }

  private static void awaitCount(String what, int n, IntSupplier now) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (now.getAsInt() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " " + what + ", there are " + now.getAsInt());
      }
      Thread.sleep(20);
    }
  }

  List<RunInfo> allRuns() {
    return store.listRuns(RunQuery.latest(1000));
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.tree(r.body());
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
    store.close();
  }
}
