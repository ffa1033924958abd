package dev.spool.client;

import dev.spool.BulkResult;
import dev.spool.Event;
import dev.spool.Json;
import dev.spool.RunFilter;
import dev.spool.RunHistory;
import dev.spool.client.internal.EventFollower;
import dev.spool.client.internal.Failures;
import dev.spool.client.internal.Paths;
import dev.spool.client.internal.Reply;
import dev.spool.client.internal.ResultWaiter;
import dev.spool.client.internal.Transport;
import dev.spool.client.internal.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A client of Spool's HTTP API. Thread-safe; one per server is enough. Close it to release its
 * connections: that also stops every follow still running.
 *
 * <pre>{@code
 * try (SpoolClient client = SpoolClient.builder(URI.create("http://127.0.0.1:7070")).build()) {
 *   StartedRun run = client.start("hello", "{\"name\":\"Ada\"}");
 *   Event end = client.follow(run.runId(), 0, e -> System.out.println(e.toJson()));
 * }
 * }</pre>
 *
 * <p>Every failure is a {@link SpoolClientException} whose message is one line fit for a user.
 * Plain calls are tried once (a start is repeated safely only with an idempotency key); {@link
 * #follow} and {@link #awaitResult} reconnect as the {@link ReconnectPolicy} says.
 */
public final class SpoolClient implements AutoCloseable {
  private final Transport transport;
  private final Duration requestTimeout;
  private final Duration streamIdleTimeout;
  private final ReconnectPolicy reconnectPolicy;
  private final Set<EventFollower> following = ConcurrentHashMap.newKeySet();
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private SpoolClient(Builder b) {
    this.requestTimeout = b.requestTimeout;
    this.streamIdleTimeout = b.streamIdleTimeout;
    this.reconnectPolicy = b.reconnectPolicy;
    this.transport = new Transport(b.baseUri, b.apiKey, b.connectTimeout, b.requestTimeout);
  }

  /**
   * @param baseUri where the API is, for example {@code http://127.0.0.1:7070}; a path prefix is
   *     kept ({@code https://host/spool} calls {@code https://host/spool/v1/…})
   */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  /** The base URI requests go to, without a trailing slash. */
  public URI baseUri() {
    return URI.create(transport.base());
  }

  /** Starts a run of {@code workflow} with {@code inputJson} as its input. */
  public StartedRun start(String workflow, String inputJson) {
    return start(workflow, inputJson, Optional.empty());
  }

  /**
   * Starts a run; with an idempotency key, repeating the call returns the run the first call
   * started ({@link StartedRun#created} false) instead of starting another.
   */
  public StartedRun start(String workflow, String inputJson, Optional<String> idempotencyKey) {
    Objects.requireNonNull(inputJson, "inputJson");
    Map<String, String> headers =
        idempotencyKey.map(k -> Map.of("Idempotency-Key", k)).orElse(Map.of());
    return Wire.startedRun(
        ok(transport.post(Paths.startRun(workflow), inputJson, headers)), transport);
  }

  /** The run as it stands now. */
  public RunView run(String runId) {
    return Wire.run(ok(transport.get(Paths.run(runId))));
  }

  /**
   * The run's recorded history ({@value RunHistory#FORMAT}): the run, its events and its
   * checkpoints, what {@code spool runs export} writes and {@code ReplayTester} replays.
   *
   * @throws SpoolClientException with status 404 when there is no such run
   */
  public RunHistory history(String runId) {
    Reply reply = ok(transport.get(Paths.run(runId) + "/history"));
    try {
      return RunHistory.fromJson(reply.body());
    } catch (IllegalArgumentException e) {
      throw new SpoolClientException(
          "the server at " + baseUri() + " sent no run history: " + e.getMessage(), e);
    }
  }

  /**
   * Waits up to {@code maxWait} for the run to finish, without polling: the server answers as soon
   * as it ends.
   *
   * @return how it ended, or empty if it is still going after {@code maxWait} ({@link
   *     Duration#ZERO} asks once)
   */
  public Optional<RunResult> awaitResult(String runId, Duration maxWait) {
    return new ResultWaiter(transport, reconnectPolicy, requestTimeout).await(runId, maxWait);
  }

  /**
   * Delivers the run's events after {@code afterSeq} (0 for all) to {@code sink} on this thread,
   * live until the run ends, and returns its terminal event. A lost connection or server error is
   * ridden out as the reconnect policy says, resuming after the last event delivered: the sink sees
   * every event exactly once and in order, or the call fails. When {@code afterSeq} is the run's
   * terminal event already, nothing is delivered and that event is returned.
   *
   * <p>Stop it from another thread by interrupting this one, or use {@link #subscribe}. An
   * exception the sink throws ends the follow and comes out of this call as it is.
   *
   * @throws SpoolClientException when the run is unknown, the server breaks the stream's contract
   *     (a gap, a duplicate), the policy gives up, the thread is interrupted or the client closed
   */
  public Event follow(String runId, long afterSeq, Consumer<Event> sink) {
    EventFollower follower = follower(runId, afterSeq, sink);
    try {
      return follower.run();
    } finally {
      following.remove(follower);
    }
  }

  /** Like {@link #follow}, on a virtual thread of its own; close the subscription to stop. */
  public Subscription subscribe(String runId, long afterSeq, Consumer<Event> sink) {
    EventFollower follower = follower(runId, afterSeq, sink);
    Subscription sub =
        new Subscription(
            follower,
            ended -> {
              following.remove(follower);
              subscriptions.remove(ended);
            });
    subscriptions.add(sub);
    return sub.start();
  }

  /** Sends a signal (for a run waiting on it, now or later) with a JSON value. */
  public SignalReceipt signal(String runId, String name, String valueJson) {
    Objects.requireNonNull(valueJson, "valueJson");
    return Wire.signal(ok(transport.post(Paths.signal(runId, name), valueJson, Map.of())));
  }

  /** Asks a run to stop, giving no reason. */
  public CancelReceipt cancel(String runId) {
    return cancel(runId, Optional.empty());
  }

  /** Asks a run to stop, recording why. */
  public CancelReceipt cancel(String runId, String reason) {
    return cancel(runId, Optional.of(reason));
  }

  public CancelReceipt cancel(String runId, Optional<String> reason) {
    String body = reasonBody(reason.orElse(""));
    return Wire.cancel(ok(transport.post(Paths.run(runId) + "/cancel", body, Map.of())));
  }

  /**
   * Retries a failed or cancelled run from its checkpoints: same id, a new attempt, completed steps
   * not run again. A run in another status is a {@link SpoolClientException} with status 409.
   */
  public RetryReceipt retry(String runId, String reason) {
    return Wire.retry(
        ok(transport.post(Paths.run(runId) + "/retry", reasonBody(reason), Map.of())));
  }

  public RetryReceipt retry(String runId) {
    return retry(runId, "");
  }

  /**
   * Starts a new run that reuses every checkpoint of {@code runId} recorded before {@code fromStep}
   * (a step path as its events show it) and runs from there, with {@code inputJson} or the source's
   * input.
   */
  public ForkedRun fork(String runId, String fromStep, Optional<String> inputJson) {
    String body =
        "{\"fromStep\":"
            + Json.quote(fromStep)
            + inputJson.map(i -> ",\"input\":" + i).orElse("")
            + "}";
    return Wire.forked(ok(transport.post(Paths.run(runId) + "/fork", body, Map.of())));
  }

  /** Retries every failed or cancelled run the filter matches. */
  public BulkResult retryAll(RunFilter filter, String reason) {
    return Wire.bulk(ok(transport.post("/v1/runs/retry", Wire.filter(filter, reason), Map.of())));
  }

  /** Asks every unfinished run the filter matches to stop. */
  public BulkResult cancelAll(RunFilter filter, String reason) {
    return Wire.bulk(ok(transport.post("/v1/runs/cancel", Wire.filter(filter, reason), Map.of())));
  }

  private static String reasonBody(String reason) {
    return reason.isEmpty() ? "{}" : "{\"reason\":" + Json.quote(reason) + "}";
  }

  /** The workflows the server can start, with their schemas. */
  public List<WorkflowView> workflows() {
    return Wire.workflows(ok(transport.get("/v1/workflows")));
  }

  /** A page of runs, newest first. */
  public RunPage runs(RunsQuery query) {
    StringBuilder path = new StringBuilder("/v1/runs?limit=").append(query.limit());
    query.status().ifPresent(s -> path.append("&status=").append(s.wireName()));
    query.workflow().ifPresent(w -> path.append("&workflow=").append(Paths.encode(w)));
    query.before().ifPresent(r -> path.append("&before=").append(Paths.encode(r)));
    return Wire.runPage(ok(transport.get(path.toString())));
  }

  /**
   * Stops every follow still running (their sinks are not called again once this returns), then
   * drops the client's connections. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EventFollower f : following) {
      f.stop("the client was closed");
    }
    for (Subscription s : subscriptions) {
      s.join();
    }
    transport.close();
  }

  private EventFollower follower(String runId, long afterSeq, Consumer<Event> sink) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(sink, "sink");
    EventFollower f =
        new EventFollower(
            transport, runId, afterSeq, sink, reconnectPolicy, requestTimeout, streamIdleTimeout);
    following.add(f);
    if (closed) {
      following.remove(f);
      throw new SpoolClientException("the client is closed");
    }
    return f;
  }

  private static Reply ok(Reply reply) {
    if (!reply.isSuccess()) {
      throw Failures.of(reply);
    }
    return reply;
  }

  /** Settings of a {@link SpoolClient}; every one has a default. */
  public static final class Builder {
    private final URI baseUri;
    private Optional<String> apiKey = Optional.empty();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration streamIdleTimeout = Duration.ofSeconds(90);
    private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();

    private Builder(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      String scheme = baseUri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || baseUri.getHost() == null) {
        throw new IllegalArgumentException(
            "the Spool API address must be an http:// or https:// URL with a host, got " + baseUri);
      }
      if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "the Spool API address takes no query or fragment, got " + baseUri);
      }
      this.baseUri = baseUri;
    }

    /**
     * The API key sent as {@code Authorization: Bearer …} (needed when the server asks for keys).
     */
    public Builder apiKey(String key) {
      Objects.requireNonNull(key, "key");
      if (key.isBlank() || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("an API key is printable ASCII without spaces");
      }
      this.apiKey = Optional.of(key);
      return this;
    }

    /** How long a call may wait for the server's answer to begin (default 30 s). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** How long opening a connection may take (default 10 s). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /**
     * How long an open event stream may stay silent before it counts as lost and is reconnected
     * (default 90 s). The server sends keep-alives while a run is quiet, so this only needs to be
     * longer than the server's keep-alive interval.
     */
    public Builder streamIdleTimeout(Duration d) {
      this.streamIdleTimeout = positive(d, "streamIdleTimeout");
      return this;
    }

    public Builder reconnectPolicy(ReconnectPolicy policy) {
      this.reconnectPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public SpoolClient build() {
      return new SpoolClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
