package dev.spool;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a run's append-only event stream.
 *
 * @param seq gapless per-run sequence number starting at 1: the cursor clients resume from
 * @param runId the run this event belongs to
 * @param type for example {@code step.completed}; see {@link EventTypes}
 * @param ts when the writer produced the event
 * @param path the step path it applies to, empty for run-level events
 * @param attempt the step attempt (or run attempt for run-level events), from 1; 0 on {@code
 *     run.queued}, which precedes every attempt
 * @param data the payload as a JSON object text
 */
public record Event(
    long seq, String runId, String type, Instant ts, String path, int attempt, String data) {
  public Event {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(data, "data");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, got " + seq);
    }
  }

  /**
   * True for an event that ends a run's execution ({@link EventTypes#isTerminal}); nothing follows
   * it unless the run is retried.
   */
  public boolean isTerminal() {
    return EventTypes.isTerminal(type);
  }

  /**
   * Parses the wire form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static Event fromJson(String json) {
    com.fasterxml.jackson.databind.JsonNode n = Json.tree(json);
    for (String field : new String[] {"seq", "runId", "type", "ts", "path", "attempt", "data"}) {
      if (!n.hasNonNull(field)) {
        throw new IllegalArgumentException("event JSON lacks \"" + field + "\": " + json);
      }
    }
    try {
      return new Event(
          n.get("seq").asLong(),
          n.get("runId").asText(),
          n.get("type").asText(),
          Instant.parse(n.get("ts").asText()),
          n.get("path").asText(),
          n.get("attempt").asInt(),
          n.get("data").toString());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("event JSON has a bad \"ts\": " + json, e);
    }
  }

  /**
   * The wire form, {@code {"seq":7,"runId":"…","type":"…","ts":"…Z","path":"…","attempt":1,
   * "data":{…}}}, with {@code data} embedded as stored.
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder(96 + data.length());
    sb.append("{\"seq\":").append(seq).append(",\"runId\":");
    Json.quote(sb, runId);
    sb.append(",\"type\":");
    Json.quote(sb, type);
    sb.append(",\"ts\":\"").append(ts).append("\",\"path\":");
    Json.quote(sb, path);
    sb.append(",\"attempt\":").append(attempt).append(",\"data\":").append(data).append('}');
    return sb.toString();
  }
}
