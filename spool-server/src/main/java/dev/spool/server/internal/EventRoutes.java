package dev.spool.server.internal;

import dev.spool.Event;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /v1/runs/{id}/events}: a run's event stream after a cursor, as SSE (the default),
 * NDJSON ({@code Accept: application/x-ndjson}) or a JSON long poll ({@code Accept:
 * application/json} or {@code ?wait=}). The cursor is {@code Last-Event-ID} (what a browser's
 * EventSource sends when it reconnects) or {@code ?after=N}; the header wins. Resuming after N
 * gives exactly the events from N+1 on: no gap, no duplicate.
 */
public final class EventRoutes {
  private static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(30);
  private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(60);
  private static final int POLL_BATCH = 500;

  private final RunStore store;
  private final RunTails tails;
  private final EventStream stream;
  private final Blocking blocking;

  public EventRoutes(RunStore store, RunTails tails, Duration keepAlive, Blocking blocking) {
    this.store = store;
    this.tails = tails;
    this.stream = new EventStream(tails, keepAlive);
    this.blocking = blocking;
  }

  public Route route() {
    return Route.get("/v1/runs/{id}/events", Access.KEY_OR_QUERY_TOKEN, this::handle);
  }

  enum Mode {
    SSE,
    NDJSON,
    POLL
  }

  private void handle(Context ctx) throws InterruptedException {
    RunInfo run = RunRoutes.find(store, ctx.pathParam("id"));
    long after = cursor(ctx, run);
    Mode mode = mode(ctx);
    try (Blocking.Section ignored = blocking.enter()) {
      if (mode == Mode.POLL) {
        poll(ctx, run, after);
        return;
      }
      // Nothing will ever follow: 204 also tells a browser's EventSource to stop reconnecting.
      if (run.status().isTerminal() && after >= run.lastSeq()) {
        ctx.status(204);
        return;
      }
      stream.stream(
          ctx, run, after, mode == Mode.SSE ? EventStream.Format.SSE : EventStream.Format.NDJSON);
    }
  }

  static Mode mode(Context ctx) {
    String accept = Optional.ofNullable(ctx.header("Accept")).orElse("").toLowerCase(Locale.ROOT);
    if (accept.contains("text/event-stream")) {
      return Mode.SSE;
    }
    if (accept.contains("application/x-ndjson")) {
      return Mode.NDJSON;
    }
    if (accept.contains("application/json") || ctx.queryParam("wait") != null) {
      return Mode.POLL;
    }
    return Mode.SSE;
  }

  /**
   * The sequence number to resume after.
   *
   * @throws ApiProblem 400 when it is not a non-negative whole number or lies beyond the run's last
   *     event
   */
  static long cursor(Context ctx, RunInfo run) {
    String header = ctx.header("Last-Event-ID");
    String source = "Last-Event-ID";
    String raw = header;
    if (header == null || header.isBlank()) {
      source = "after";
      raw = ctx.queryParam("after");
    }
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    long n;
    try {
      n = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      throw ApiProblem.badRequest(
          source
              + "="
              + raw
              + " is not a cursor: use the seq of the last event you have (a whole number, 0 or"
              + " more; 0 for the whole stream)");
    }
    if (n > run.lastSeq()) {
      throw ApiProblem.badRequest(
          source
              + "="
              + n
              + " is beyond the end of run "
              + run.runId()
              + ": its last event is seq "
              + run.lastSeq());
    }
    return n;
  }

  private void poll(Context ctx, RunInfo run, long after) throws InterruptedException {
    Duration wait =
        Waits.parse(Optional.ofNullable(ctx.queryParam("wait")), DEFAULT_POLL_WAIT, MAX_POLL_WAIT);
    boolean ended = run.status().isTerminal() && after >= run.lastSeq();
    List<Event> events = ended ? List.of() : await(run, after, wait);
    long last = events.isEmpty() ? after : events.getLast().seq();
    boolean done = ended || (!events.isEmpty() && RunTails.ends(store, events, events.size() - 1));
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(EventStream.wire(events.get(i)));
    }
    sb.append("],\"lastSeq\":").append(last).append(",\"done\":").append(done).append('}');
    ctx.status(200).contentType(Responses.JSON).result(sb.toString());
  }

  /** What the store's {@code awaitEvents} would give, waiting through the run's shared tail. */
  private List<Event> await(RunInfo run, long after, Duration wait) throws InterruptedException {
    if (wait.isZero()) {
      return store.readEvents(run.runId(), after, POLL_BATCH);
    }
    try (RunTails.Follower follower = tails.follow(run, after)) {
      List<Event> events = follower.next(POLL_BATCH, wait);
      // At the deadline the store may hold an event that the tail has not handed over yet.
      return events.isEmpty() ? store.readEvents(run.runId(), after, POLL_BATCH) : events;
    }
  }
}
