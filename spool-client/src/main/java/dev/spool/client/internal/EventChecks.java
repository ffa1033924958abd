package dev.spool.client.internal;

import dev.spool.Event;
import dev.spool.client.SpoolClientException;

/**
 * What an SSE message must be to count as a run's next event: valid event JSON of that run, with
 * the {@code id:} and {@code event:} fields agreeing with it, and exactly the next sequence number.
 * Anything else is the server breaking the stream's contract, and fails loudly.
 */
final class EventChecks {
  private EventChecks() {}

  static Event next(SseMessage m, String runId, long lastSeq) {
    Event e;
    try {
      e = Event.fromJson(m.data());
    } catch (IllegalArgumentException ex) {
      throw broken(runId, lastSeq, "sent data that is not an event: " + ex.getMessage());
    }
    if (!e.runId().equals(runId)) {
      throw broken(runId, lastSeq, "sent an event of run " + e.runId());
    }
    if (m.id().isPresent() && !m.id().get().equals(Long.toString(e.seq()))) {
      throw broken(
          runId, lastSeq, "sent an event with id: " + m.id().get() + " but seq " + e.seq());
    }
    if (!m.type().equals("message") && !m.type().equals(e.type())) {
      throw broken(
          runId, lastSeq, "sent an event with event: " + m.type() + " but type " + e.type());
    }
    if (e.seq() <= lastSeq) {
      throw broken(runId, lastSeq, "sent seq " + e.seq() + " again (a duplicate)");
    }
    if (e.seq() != lastSeq + 1) {
      throw broken(
          runId,
          lastSeq,
          "skipped to seq "
              + e.seq()
              + " (a gap: seq "
              + (lastSeq + 1)
              + (e.seq() - lastSeq > 2 ? ".." + (e.seq() - 1) : "")
              + " never came)");
    }
    return e;
  }

  private static SpoolClientException broken(String runId, long lastSeq, String what) {
    return new SpoolClientException(
        "the event stream of run " + runId + " after seq " + lastSeq + " " + what);
  }
}
