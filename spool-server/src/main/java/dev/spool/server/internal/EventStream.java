package dev.spool.server.internal;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.store.RunInfo;
import dev.spool.store.StoreException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's events after a cursor, then follows the run live until its terminal event, as SSE
 * or NDJSON. Follows through the run's shared {@link RunTail}, never polls; writes a keep-alive
 * while idle, which is also how a gone client is noticed (the write fails) and the thread released.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int BATCH = 500;

  enum Format {
    SSE("text/event-stream"),
    NDJSON("application/x-ndjson");

    final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }
  }

  private final RunTails tails;
  private final Duration keepAlive;

  EventStream(RunTails tails, Duration keepAlive) {
    this.tails = tails;
    this.keepAlive = keepAlive;
  }

  /** Streams events of {@code run} after {@code after}; returns when the stream ends. */
  void stream(Context ctx, RunInfo run, long after, Format format) {
    String runId = run.runId();
    ctx.status(200);
    ctx.contentType(format.contentType + "; charset=utf-8");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no"); // tells nginx-style proxies not to buffer the stream
    try (RunTails.Follower follower = tails.follow(run, after)) {
      OutputStream out = ctx.res().getOutputStream();
      if (format == Format.SSE) {
        write(out, "retry: 1000\n\n");
      }
      out.flush();
      while (true) {
        List<Event> events = follower.next(BATCH, keepAlive);
        if (events.isEmpty()) {
          write(out, format == Format.SSE ? ": keep-alive\n\n" : "\n");
          out.flush();
          continue;
        }
        for (int i = 0; i < events.size(); i++) {
          Event e = events.get(i);
          write(out, format == Format.SSE ? sse(e) : wire(e) + "\n");
          if (follower.ends(events, i)) {
            out.flush();
            return;
          }
        }
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("event stream of run {} ended: client gone ({})", runId, e.toString());
    } catch (InterruptedException e) {
      // The server is closing: end the stream; the client resumes from its last id elsewhere.
      LOG.debug("event stream of run {} ended: server closing", runId);
    } catch (StoreException e) {
      // The response is committed: all that is left is to end it; the client resumes later.
      LOG.warn("event stream of run {} ended by a store error: {}", runId, e.getMessage());
    }
  }

  static String sse(Event e) {
    return "id: " + e.seq() + "\nevent: " + e.type() + "\ndata: " + wire(e) + "\n\n";
  }

  /**
   * The event's JSON on one line. Stored payloads are compact already; one that is not (written by
   * another tool) is re-serialized, as a raw line break would end an SSE field or an NDJSON record.
   */
  static String wire(Event e) {
    String json = e.toJson();
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      return Json.write(Json.tree(json));
    }
    return json;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
