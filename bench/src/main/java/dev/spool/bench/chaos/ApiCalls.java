package dev.spool.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness's plain HTTP calls to the API servers: start a run (with an idempotency key, so a
 * retry after a lost answer cannot start a second run), read a run, read its stored event stream.
 * Each retries on 5xx and connection errors, switching servers, until its deadline.
 */
final class ApiCalls {
  private final HttpClient http;
  private final List<URI> apis;
  private final AtomicInteger retries = new AtomicInteger();

  ApiCalls(HttpClient http, List<URI> apis) {
    this.http = http;
    this.apis = List.copyOf(apis);
  }

  /** A started run: its id, the attempts it took, and whether the server said it replayed. */
  record Started(String runId, int attempts, boolean replayed) {}

  /** Requests retried so far (5xx or connection errors), every call counted. */
  int retries() {
    return retries.get();
  }

  /** {@code POST /v1/workflows/{name}/runs} on server {@code first}, then alternating. */
  Started start(int first, String workflow, String input, String key, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (int attempt = 1; ; attempt++) {
      URI api = apis.get((first + attempt - 1) % apis.size());
      HttpRequest req =
          HttpRequest.newBuilder(api.resolve("/v1/workflows/" + workflow + "/runs"))
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", key)
              .timeout(Duration.ofSeconds(15))
              .POST(HttpRequest.BodyPublishers.ofString(input))
              .build();
      String why = call(req);
      if (why.startsWith("{")) {
        JsonNode n = Json.tree(why);
        return new Started(n.path("runId").asText(), attempt, !n.path("created").asBoolean(true));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not start " + workflow + " " + key + ": " + why);
      }
      Thread.sleep(250);
    }
  }

  /** {@code GET /v1/runs/{id}} as JSON. */
  JsonNode run(String runId, Duration within) throws InterruptedException {
    return Json.tree(get("/v1/runs/" + runId, "application/json", within));
  }

  /** The run's whole stored stream, each event's JSON line as the server sends it (NDJSON). */
  List<String> storedEvents(String runId, Duration within) throws InterruptedException {
    String body = get("/v1/runs/" + runId + "/events?after=0", "application/x-ndjson", within);
    List<String> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  private String get(String path, String accept, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (int attempt = 0; ; attempt++) {
      URI api = apis.get(attempt % apis.size());
      HttpRequest req =
          HttpRequest.newBuilder(api.resolve(path))
              .header("Accept", accept)
              .timeout(Duration.ofSeconds(60))
              .GET()
              .build();
      String body = call(req);
      if (!body.startsWith("!")) {
        return body;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("GET " + path + " failed: " + body.substring(1));
      }
      Thread.sleep(250);
    }
  }

  /** The body of a 2xx answer, or {@code !} and why it failed (retried by the caller). */
  private String call(HttpRequest req) throws InterruptedException {
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 == 2) {
        return res.body();
      }
      retries.incrementAndGet();
      return "!HTTP " + res.statusCode() + " " + res.body();
    } catch (IOException e) {
      retries.incrementAndGet();
      return "!" + e;
    }
  }
}
