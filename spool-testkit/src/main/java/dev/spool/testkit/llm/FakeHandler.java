package dev.spool.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.spool.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The fake's HTTP side: OpenAI's chat completions and models, and the control endpoints. */
final class FakeHandler {
  private final FakeState state;
  private final FakeLlmServer server;

  FakeHandler(FakeState state, FakeLlmServer server) {
    this.state = state;
    this.server = server;
  }

  /** Ends a request's time in flight once, just before its last bytes go out. */
  private final class InFlight {
    private boolean ended;

    void end() {
      if (!ended) {
        ended = true;
        state.departed();
      }
    }
  }

  void chat(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        send(ex, 405, error("use POST", "invalid_request_error"), Map.of());
        return;
      }
      InFlight flight = new InFlight();
      long number = state.arrived();
      try {
        answer(ex, number, flight);
      } catch (IOException e) {
        // The client went away (a killed worker, a cancelled stream): nothing to answer.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        flight.end();
      }
    }
  }

  private void answer(HttpExchange ex, long number, InFlight flight)
      throws IOException, InterruptedException {
    FakeRequest req;
    try {
      req = parse(number, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      flight.end();
      send(ex, 400, error(e.getMessage(), "invalid_request_error"), Map.of());
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    Optional<String> bearer =
        Optional.ofNullable(auth)
            .filter(a -> a.startsWith("Bearer "))
            .map(a -> a.substring(7).trim());
    if (state.decide(req, bearer) instanceof FakeState.Refuse r) {
      Map<String, String> headers = new LinkedHashMap<>();
      r.retryAfter()
          .ifPresent(
              d -> {
                long ms = Math.max(1, d.toMillis());
                headers.put("Retry-After", Long.toString((ms + 999) / 1000));
                headers.put("retry-after-ms", Long.toString(ms));
              });
      String type = r.status() == 429 ? "rate_limit_exceeded" : "server_error";
      flight.end();
      send(ex, r.status(), error(r.message(), type), headers);
      return;
    }
    sleep(state.latency());
    List<String> chunks = state.reply(req);
    long promptTokens = FakeText.tokens(req.promptText());
    if (req.stream()) {
      stream(ex, req, chunks, promptTokens, flight);
    } else {
      pace(chunks.size());
      String body = completion(req, String.join("", chunks), promptTokens, chunks.size());
      state.served(promptTokens, chunks.size());
      flight.end();
      send(ex, 200, body, Map.of());
    }
  }

  private void stream(
      HttpExchange ex, FakeRequest req, List<String> chunks, long promptTokens, InFlight flight)
      throws IOException, InterruptedException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    String id = "chatcmpl-fake-" + req.number();
    long created = System.currentTimeMillis() / 1000;
    event(out, chunk(id, created, req.model(), Map.of("role", "assistant", "content", ""), null));
    long perToken = nanosPerToken();
    long next = System.nanoTime();
    for (String c : chunks) {
      if (perToken > 0) {
        next += perToken;
        sleepNanos(next - System.nanoTime());
      }
      event(out, chunk(id, created, req.model(), Map.of("content", c), null));
    }
    state.served(promptTokens, chunks.size());
    flight.end();
    event(out, chunk(id, created, req.model(), Map.of(), "stop"));
    ObjectNode usage = Json.mapper().createObjectNode();
    usage.put("id", id);
    usage.put("object", "chat.completion.chunk");
    usage.put("created", created);
    usage.put("model", req.model());
    usage.putArray("choices");
    usage.set("usage", Json.mapper().valueToTree(usage(promptTokens, chunks.size())));
    event(out, usage.toString());
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void models(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("id", "fake-model");
      model.put("object", "model");
      model.put("created", 0);
      model.put("owned_by", "spool-testkit");
      send(ex, 200, Json.write(Map.of("object", "list", "data", List.of(model))), Map.of());
    }
  }

  void control(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/fake/stats") && method.equals("GET")) {
        send(ex, 200, server.statsJson(), Map.of());
      } else if (path.equals("/fake/down") && method.equals("POST")) {
        server.goDown();
        send(ex, 200, server.statsJson(), Map.of());
      } else if (path.equals("/fake/up") && method.equals("POST")) {
        server.comeUp();
        send(ex, 200, server.statsJson(), Map.of());
      } else {
        send(ex, 404, error("no such control: " + method + " " + path, "not_found"), Map.of());
      }
    }
  }

  private static FakeRequest parse(long number, String body) {
    JsonNode n = Json.tree(body);
    if (!n.isObject() || !n.path("messages").isArray()) {
      throw new IllegalArgumentException("a chat completion request needs \"messages\"");
    }
    List<FakeRequest.Message> messages = new ArrayList<>();
    for (JsonNode m : n.path("messages")) {
      JsonNode content = m.path("content");
      String text;
      if (content.isArray()) {
        StringBuilder sb = new StringBuilder();
        content.forEach(part -> sb.append(part.path("text").asText("")));
        text = sb.toString();
      } else {
        text = content.asText("");
      }
      messages.add(new FakeRequest.Message(m.path("role").asText("user"), text));
    }
    JsonNode max =
        n.has("max_completion_tokens") ? n.get("max_completion_tokens") : n.get("max_tokens");
    String format = n.path("response_format").path("type").asText("");
    return new FakeRequest(
        number,
        n.path("model").asText("fake-model"),
        messages,
        n.path("stream").asBoolean(false),
        format.startsWith("json"),
        max != null && max.canConvertToInt() ? OptionalInt.of(max.asInt()) : OptionalInt.empty());
  }

  private static String completion(FakeRequest req, String text, long prompt, long completion) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", text);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", "stop");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-fake-" + req.number());
    body.put("object", "chat.completion");
    body.put("created", System.currentTimeMillis() / 1000);
    body.put("model", req.model());
    body.put("choices", List.of(choice));
    body.put("usage", usage(prompt, completion));
    return Json.write(body);
  }

  private static String chunk(
      String id, long created, String model, Map<String, String> delta, String finish) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("id", id);
    body.put("object", "chat.completion.chunk");
    body.put("created", created);
    body.put("model", model);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode d = choice.putObject("delta");
    delta.forEach(d::put);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return body.toString();
  }

  private static Map<String, Long> usage(long prompt, long completion) {
    Map<String, Long> u = new LinkedHashMap<>();
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
    return u;
  }

  private static String error(String message, String type) {
    return Json.write(Map.of("error", Map.of("message", message, "type", type)));
  }

  private static void event(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange ex, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private long nanosPerToken() {
    double tps = state.tokensPerSecond();
    return tps <= 0 ? 0 : (long) (1_000_000_000L / tps);
  }

  /** A non-streamed answer takes as long as its tokens would have taken to stream. */
  private void pace(int tokens) throws InterruptedException {
    long per = nanosPerToken();
    if (per > 0) {
      sleepNanos(per * tokens);
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (d.isPositive()) {
      Thread.sleep(d);
    }
  }

  private static void sleepNanos(long nanos) throws InterruptedException {
    if (nanos > 0) {
      Thread.sleep(Duration.ofNanos(nanos));
    }
  }
}
