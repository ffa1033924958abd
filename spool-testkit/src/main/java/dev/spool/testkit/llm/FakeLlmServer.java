package dev.spool.testkit.llm;

import com.sun.net.httpserver.HttpServer;
import dev.spool.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A fake OpenAI-compatible provider over real HTTP on a loopback port, for tests, benchmarks and
 * the offline demo. It answers {@code POST /v1/chat/completions} (JSON, or server-sent events
 * ending with {@code data: [DONE]} when {@code stream} is true, with {@code usage}) and {@code GET
 * /v1/models}, with text derived deterministically from the prompt, and misbehaves on demand:
 * latency, a token rate, a seeded error rate, 429s with {@code Retry-After}, outages, and a
 * requests-per-window limit of its own. It counts what it sees ({@link #stats()}).
 *
 * <pre>{@code
 * try (FakeLlmServer fake = FakeLlmServer.builder().latency(Duration.ofMillis(20)).start()) {
 *   String baseUrl = fake.baseUrl(); // http://127.0.0.1:PORT/v1
 *   fake.throttleNext(1, Duration.ofSeconds(1));
 *   fake.goDown();
 * }
 * }</pre>
 *
 * <p>Also {@code GET /fake/stats}, {@code POST /fake/down} and {@code POST /fake/up}, for a fake
 * started from the command line ({@code spool fake-llm}).
 */
public final class FakeLlmServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final FakeState state;

  private FakeLlmServer(Builder b) throws IOException {
    this.state = new FakeState(b);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 256);
    server.setExecutor(executor);
    FakeHandler handler = new FakeHandler(state, this);
    server.createContext("/v1/chat/completions", handler::chat);
    server.createContext("/v1/models", handler::models);
    server.createContext("/fake/", handler::control);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A fake with default behaviour (no latency, no errors, no limit) on a free port. */
  public static FakeLlmServer start() {
    return builder().start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL an OpenAI client takes: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/v1";
  }

  public URI uri() {
    return URI.create(baseUrl());
  }

  // ---- faults, changeable while it runs -------------------------------------------------------

  /** From now on every chat request gets 503 until {@link #comeUp()}. */
  public void goDown() {
    state.setDown(true);
  }

  /** Ends an outage started by {@link #goDown}, {@link #downFor} or {@link #downAfter}. */
  public void comeUp() {
    state.setDown(false);
  }

  /** An outage from now for {@code d}. */
  public void downFor(Duration d) {
    state.downUntil(Instant.now().plus(d));
  }

  /**
   * Goes down (until {@link #comeUp()}) after the next {@code n} chat requests: they are counted in
   * the order the fake decides them, so when nothing else refuses them, exactly those {@code n} are
   * served however many arrive at once.
   */
  public void downAfter(long n) {
    state.downAfter(n);
  }

  /** The next {@code n} chat requests get 429 with {@code Retry-After: retryAfter}. */
  public void throttleNext(int n, Duration retryAfter) {
    state.throttleNext(n, retryAfter);
  }

  /** The chance that an accepted request fails with 500 instead, drawn from the seeded random. */
  public void errorRate(double rate) {
    state.errorRate(rate);
  }

  /** Wait before the first byte of every answer. */
  public void latency(Duration d) {
    state.latency(d);
  }

  /** Whether it is down now. */
  public boolean isDown() {
    return state.isDown(Instant.now());
  }

  // ---- what it saw ----------------------------------------------------------------------------

  public FakeLlmStats stats() {
    return state.stats();
  }

  /** The most chat requests received in any interval of length {@code window} so far. */
  public long maxRequestsIn(Duration window) {
    return state.maxRequestsIn(window);
  }

  /** When each chat request arrived, in order. */
  public List<Instant> arrivals() {
    return state.arrivals();
  }

  /** Every chat request received, in order. */
  public List<FakeRequest> requests() {
    return state.requests();
  }

  /** Forgets counters, arrivals and requests (not the faults). */
  public void reset() {
    state.reset();
  }

  /** The stats as the {@code /fake/stats} endpoint shows them. */
  public String statsJson() {
    FakeLlmStats s = stats();
    return Json.write(
        Map.of(
            "requests", s.requests(),
            "completed", s.completed(),
            "throttled", s.throttled(),
            "failed", s.failed(),
            "maxConcurrent", s.maxConcurrent(),
            "promptTokens", s.promptTokens(),
            "completionTokens", s.completionTokens(),
            "requestsLastMinute", s.requestsLastMinute(),
            "down", isDown()));
  }

  /** Stops at once; requests in flight are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** How the fake behaves; faults can also be changed while it runs. */
  public static final class Builder {
    int port;
    Duration latency = Duration.ZERO;
    double tokensPerSecond;
    double errorRate;
    long seed = 42;
    long rateLimit;
    Duration rateWindow = Duration.ofMinutes(1);
    long downAfter;
    Duration downFor = Duration.ZERO;
    String apiKey;
    int words = FakeText.DEFAULT_WORDS;
    Function<FakeRequest, String> responder;

    private Builder() {}

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + p);
      }
      this.port = p;
      return this;
    }

    /** Wait before the first byte of every accepted request's answer. */
    public Builder latency(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = d;
      return this;
    }

    /** Pace of the reply's words (one token each); 0 (the default) sends them at once. */
    public Builder tokensPerSecond(double tps) {
      if (tps < 0) {
        throw new IllegalArgumentException("tokens per second must not be negative");
      }
      this.tokensPerSecond = tps;
      return this;
    }

    /** The chance, drawn from a random seeded with {@link #seed}, that a request fails (500). */
    public Builder errorRate(double rate) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("error rate must be within 0..1, got " + rate);
      }
      this.errorRate = rate;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * Accepts at most {@code requests} chat requests in any {@code window}; more get 429 with a
     * {@code Retry-After} saying when one is possible again.
     */
    public Builder rateLimit(long requests, Duration window) {
      if (requests < 1 || !window.isPositive()) {
        throw new IllegalArgumentException("a rate limit needs requests >= 1 and a window > 0");
      }
      this.rateLimit = requests;
      this.rateWindow = window;
      return this;
    }

    /** {@link #rateLimit} per minute. */
    public Builder requestsPerMinute(long rpm) {
      return rateLimit(rpm, Duration.ofMinutes(1));
    }

    /**
     * Goes down after {@code n} chat requests: for {@code duration}, or until {@link
     * FakeLlmServer#comeUp()} when it is zero.
     */
    public Builder downAfter(long n, Duration duration) {
      if (n < 0 || duration.isNegative()) {
        throw new IllegalArgumentException("down-after needs n >= 0 and a duration >= 0");
      }
      this.downAfter = n;
      this.downFor = duration;
      return this;
    }

    /** Requires {@code Authorization: Bearer key}; other requests get 401. */
    public Builder apiKey(String key) {
      this.apiKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** How many words a default reply has (default 24); a request's max_tokens caps it. */
    public Builder words(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("a reply has at least one word");
      }
      this.words = n;
      return this;
    }

    /** Scripts the replies: the text for each request, instead of the deterministic default. */
    public Builder respond(Function<FakeRequest, String> fn) {
      this.responder = Objects.requireNonNull(fn, "fn");
      return this;
    }

    /** Starts the server; close it when done. */
    public FakeLlmServer start() {
      try {
        return new FakeLlmServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("fake LLM server did not start: " + e.getMessage(), e);
      }
    }
  }
}
