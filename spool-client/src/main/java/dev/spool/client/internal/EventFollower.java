package dev.spool.client.internal;

import dev.spool.Event;
import dev.spool.client.ReconnectPolicy;
import dev.spool.client.RunView;
import dev.spool.client.SpoolClientException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows one run's SSE stream to its terminal event, reconnecting after a lost connection or a
 * server error and resuming after the last event it delivered. Every event is checked before it is
 * delivered: it must be the run's and carry exactly the next sequence number, so the sink sees each
 * event once, in order, without a gap, or the follow fails saying what the server got wrong.
 *
 * <p>One instance follows once, on the thread that calls {@link #run}; {@link #stop} may come from
 * any thread.
 */
public final class EventFollower {
  private static final int MAX_LINE_BYTES = 64 << 20;

  private final Transport transport;
  private final String runId;
  private final Consumer<Event> sink;
  private final Duration requestTimeout;
  private final Duration idleTimeout;
  private final Reconnects reconnects;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String stopReason = "stopped";
  private volatile long lastSeq;
  private volatile CompletableFuture<?> pending;
  private volatile StreamingBody body;

  public EventFollower(
      Transport transport,
      String runId,
      long afterSeq,
      Consumer<Event> sink,
      ReconnectPolicy policy,
      Duration requestTimeout,
      Duration idleTimeout) {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must be >= 0, got " + afterSeq);
    }
    this.transport = transport;
    this.runId = runId;
    this.lastSeq = afterSeq;
    this.sink = sink;
    this.requestTimeout = requestTimeout;
    this.idleTimeout = idleTimeout;
    this.reconnects = new Reconnects(policy);
  }

  /** What a try ended with: the terminal event, or a failure worth another try. */
  private sealed interface Outcome {}

  private record Finished(Event terminal) implements Outcome {}

  private record Dropped(SpoolClientException cause, Optional<Duration> retryAfter)
      implements Outcome {}

  /**
   * Delivers every event after the cursor to the sink, and returns the run's terminal event.
   *
   * @throws SpoolClientException when the server refuses (unknown run, bad key…), sends a broken
   *     stream, the policy gives up, the follower is stopped, or the thread is interrupted
   */
  public Event run() {
    while (true) {
      Outcome outcome = attempt();
      if (outcome instanceof Finished f) {
        return f.terminal();
      }
      Dropped d = (Dropped) outcome;
      Optional<Duration> delay = reconnects.next(d.retryAfter());
      if (delay.isEmpty()) {
        if (!reconnects.reached()) {
          throw d.cause();
        }
        throw new SpoolClientException(
            "gave up following run "
                + runId
                + " after seq "
                + lastSeq
                + " ("
                + reconnects.giveUpReason()
                + "): "
                + d.cause().getMessage(),
            d.cause());
      }
      pause(delay.get());
    }
  }

  /** Stops following from any thread: {@link #run} ends at once with an exception saying why. */
  public void stop(String reason) {
    stopReason = reason;
    stopped.countDown();
    CompletableFuture<?> p = pending;
    if (p != null) {
      p.cancel(true);
    }
    StreamingBody b = body;
    if (b != null) {
      b.abort();
    }
  }

  /** The sequence number of the last event delivered (the cursor it started from before any). */
  public long lastSeq() {
    return lastSeq;
  }

  /** How many times it reconnected. */
  public int reconnects() {
    return reconnects.total();
  }

  public String runId() {
    return runId;
  }

  private Outcome attempt() {
    StreamingBody stream = new StreamingBody(idleTimeout, reconnects::alive);
    HttpRequest request = streamRequest(lastSeq);
    HttpResponse<Object> response;
    try {
      response = open(request, stream);
    } catch (IOException e) {
      if (!Failures.isConnectFailure(e)) {
        reconnects.contacted();
      }
      return new Dropped(Failures.unreachable(transport.base(), request, e), Optional.empty());
    }
    reconnects.alive();
    if (response.body() == stream) {
      return read(stream);
    }
    Reply reply =
        new Reply(request, response.statusCode(), response.headers(), (String) response.body());
    if (reply.status() == 204) {
      return new Finished(terminalAtCursor());
    }
    if (reply.status() == 200) {
      throw new SpoolClientException(
          Failures.describe(request)
              + " answered "
              + reply.headers().firstValue("Content-Type").orElse("no content type")
              + " instead of an event stream (text/event-stream)");
    }
    if (Reconnects.isTransient(reply.status())) {
      return new Dropped(Failures.of(reply), Reconnects.retryAfter(reply.headers()));
    }
    throw Failures.of(reply);
  }

  private HttpRequest streamRequest(long after) {
    return transport
        .request(Paths.events(runId, after), requestTimeout)
        .header("Accept", "text/event-stream")
        .header("Cache-Control", "no-cache")
        .header("Last-Event-ID", Long.toString(after))
        .GET()
        .build();
  }

  /** Sends the request; the body is {@code stream} for an event stream, else the text. */
  private HttpResponse<Object> open(HttpRequest request, StreamingBody stream) throws IOException {
    CompletableFuture<HttpResponse<Object>> f =
        transport.sendAsync(
            request,
            info -> {
              boolean sse =
                  info.statusCode() == 200
                      && info.headers()
                          .firstValue("Content-Type")
                          .orElse("")
                          .toLowerCase(java.util.Locale.ROOT)
                          .startsWith("text/event-stream");
              return sse
                  ? HttpResponse.BodySubscribers.mapping(stream, s -> (Object) s)
                  : HttpResponse.BodySubscribers.mapping(
                      HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                      s -> (Object) s);
            });
    pending = f;
    try {
      if (isStopped()) {
        f.cancel(true);
      }
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw interrupted(e);
    } catch (CancellationException e) {
      throw stoppedNow();
    } catch (ExecutionException e) {
      if (isStopped()) {
        throw stoppedNow();
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new SpoolClientException(
          Failures.describe(request) + " failed: " + Failures.text(e.getCause()), e.getCause());
    } finally {
      pending = null;
    }
  }

  private Outcome read(StreamingBody stream) {
    body = stream;
    try {
      if (isStopped()) {
        throw stoppedNow();
      }
      SseParser parser = new SseParser(stream, MAX_LINE_BYTES);
      Event terminal = null; // the last event delivered, when it is a terminal one
      while (true) {
        Optional<SseMessage> m = parser.next();
        if (m.isEmpty() && terminal != null) {
          // the server ends the stream right after the run's last terminal event
          return new Finished(terminal);
        }
        if (m.isEmpty()) {
          return new Dropped(
              new SpoolClientException(
                  "the server ended the event stream of run "
                      + runId
                      + " after seq "
                      + lastSeq
                      + " before the run's end"),
              Optional.empty());
        }
        Event e = EventChecks.next(m.get(), runId, lastSeq);
        if (isStopped()) {
          throw stoppedNow();
        }
        sink.accept(e);
        lastSeq = e.seq();
        reconnects.progressed();
        // a retried run's stream goes on past a terminal event: read on until the server ends it
        terminal = e.isTerminal() ? e : null;
      }
    } catch (IOException e) {
      if (isStopped()) {
        throw stoppedNow();
      }
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(e);
      }
      return new Dropped(
          new SpoolClientException(
              "lost the event stream of run "
                  + runId
                  + " from "
                  + transport.base()
                  + " after seq "
                  + lastSeq
                  + ": "
                  + Failures.text(e),
              e),
          Optional.empty());
    } finally {
      body = null;
      stream.abort();
    }
  }

  /**
   * The server said the run ended and nothing follows the cursor: the cursor is the terminal event
   * itself. Reads that one event (without delivering it again) to return it.
   */
  private Event terminalAtCursor() {
    Reply reply = transport.get(Paths.run(runId));
    if (!reply.isSuccess()) {
      throw Failures.of(reply);
    }
    RunView run = Wire.run(reply);
    if (!run.status().isTerminal() || run.lastSeq() != lastSeq || lastSeq < 1) {
      throw new SpoolClientException(
          "the server said run "
              + runId
              + " has nothing after seq "
              + lastSeq
              + ", but the run is "
              + run.status().wireName()
              + " with its last event at seq "
              + run.lastSeq());
    }
    StreamingBody stream = new StreamingBody(idleTimeout, reconnects::alive);
    HttpRequest request = streamRequest(lastSeq - 1);
    try {
      HttpResponse<Object> response = open(request, stream);
      if (response.body() != stream) {
        throw new SpoolClientException(
            Failures.describe(request) + " answered " + response.statusCode());
      }
      body = stream;
      Optional<SseMessage> m = new SseParser(stream, MAX_LINE_BYTES).next();
      if (m.isEmpty()) {
        throw new SpoolClientException(
            Failures.describe(request) + " ended before sending seq " + lastSeq);
      }
      Event e = EventChecks.next(m.get(), runId, lastSeq - 1);
      if (!e.isTerminal()) {
        throw new SpoolClientException(
            "the last event of ended run " + runId + " is " + e.type() + ", not a terminal one");
      }
      return e;
    } catch (IOException e) {
      throw Failures.unreachable(transport.base(), request, e);
    } finally {
      body = null;
      stream.abort();
    }
  }

  private void pause(Duration delay) {
    try {
      if (stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
        throw stoppedNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private boolean isStopped() {
    return stopped.getCount() == 0;
  }

  private SpoolClientException stoppedNow() {
    return new SpoolClientException(
        stopReason + " while following run " + runId + " after seq " + lastSeq);
  }

  private SpoolClientException interrupted(Exception cause) {
    return new SpoolClientException(
        "interrupted while following run " + runId + " after seq " + lastSeq, cause);
  }
}
