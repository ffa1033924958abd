package dev.spool.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spool.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP server (the JDK's) that answers each request with the next step of a script: for the
 * server misbehaviours a real Spool server never shows, such as a gap or a duplicate in a stream.
 * Records every request it got.
 */
final class ScriptedServer implements AutoCloseable {
  /** One scripted answer. */
  interface Step {
    void answer(HttpExchange exchange) throws IOException, InterruptedException;
  }

  /** What a request asked for. */
  record Request(String method, URI uri, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Step> script = new LinkedBlockingQueue<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  ScriptedServer(Step... steps) throws IOException {
    script.addAll(List.of(steps));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        ex -> {
          requests.add(
              new Request(
                  ex.getRequestMethod(), ex.getRequestURI(), Map.copyOf(ex.getRequestHeaders())));
          Step step = script.poll();
          try {
            if (step == null) {
              text(500, "text/plain", "the script has no more steps").answer(ex);
            } else {
              step.answer(ex);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            ex.close();
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An event of run {@code r1}. */
  static Event event(long seq, String type) {
    return new Event(seq, "r1", type, Instant.parse("2025-01-01T00:00:00Z"), "", 1, "{}");
  }

  /** The SSE block the real server writes for an event. */
  static String sse(Event e) {
    return "id: " + e.seq() + "\nevent: " + e.type() + "\ndata: " + e.toJson() + "\n\n";
  }

  /** An event stream of these blocks, then the end of the response. */
  static Step stream(String... blocks) {
    return ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
      for (String b : blocks) {
        out.write(b.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    };
  }

  /** An event stream of these blocks, then silence for {@code millis} before it ends. */
  static Step streamThenSilence(long millis, String... blocks) {
    Step s = stream(blocks);
    return ex -> {
      s.answer(ex);
      ex.getResponseBody().flush();
      Thread.sleep(millis);
    };
  }

  static Step text(int status, String contentType, String body) {
    return ex -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
    };
  }

  static Step problem(int status, String title, String detail) {
    return text(
        status,
        "application/problem+json",
        "{\"type\":\"urn:spool:problem:x\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\",\"instance\":\"/v1/runs/r1/events\"}");
  }

  static Step withHeader(String name, String value, Step step) {
    return ex -> {
      ex.getResponseHeaders().set(name, value);
      step.answer(ex);
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
