package dev.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.store.Checkpoint;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's recorded history: the run, its events and its checkpoints, as {@code spool runs export}
 * writes them and {@code ReplayTester} (spool-testkit) replays them against new code.
 *
 * <p>The JSON form, {@value #FORMAT}, is one object:
 *
 * <pre>{@code
 * {"format":"spool.run-history/1",
 *  "run":{"runId":"…","workflow":"blog-writer","version":"1","status":"completed",
 *         "input":{…},"result":{…},"error":{…},"createdAt":"…Z","startedAt":"…Z",
 *         "finishedAt":"…Z","attempt":1,"deployment":"default"},
 *  "events":[{"seq":1,"runId":"…","type":"run.queued","ts":"…Z","path":"","attempt":0,"data":{…}},…],
 *  "checkpoints":[{"path":"blog-writer/outline#2","attempt":1,"kind":"completed","value":…,"at":"…Z"},…]}
 * }</pre>
 *
 * {@code input}, {@code result}, {@code error} and a checkpoint's {@code value} are JSON as the run
 * recorded them; {@code result}, {@code error}, {@code startedAt} and {@code finishedAt} are left
 * out when the run has none. A checkpoint's {@code kind} is {@code completed} (the step's output),
 * {@code attempt_failed} (an attempt that failed and was retried) or {@code failed} (the step's
 * final error). Readers ignore fields they do not know; a change that old readers would misread
 * gets a new format name.
 *
 * @param run the run as the store held it when the history was read
 * @param events every event of the run, in sequence order
 * @param checkpoints every checkpoint of the run, by path then attempt
 */
public record RunHistory(RunInfo run, List<Event> events, List<Checkpoint> checkpoints) {
  /** The name and version of the JSON form. */
  public static final String FORMAT = "spool.run-history/1";

  private static final int PAGE = 5000;
  private static final int READS = 10;

  public RunHistory {
    Objects.requireNonNull(run, "run");
    events = List.copyOf(events);
    checkpoints = List.copyOf(checkpoints);
  }

  /**
   * Reads a run's history from a store, or empty if there is no such run. A run that is still
   * running is read again until its run, events and checkpoints agree with one another (a few
   * tries), so the history is one moment of the run.
   */
  public static Optional<RunHistory> read(RunStore store, String runId) {
    RunHistory last = null;
    for (int i = 0; i < READS; i++) {
      Optional<RunInfo> before = store.getRun(runId);
      if (before.isEmpty()) {
        return Optional.empty();
      }
      List<Checkpoint> checkpoints = store.checkpoints(runId);
      List<Event> events = new ArrayList<>();
      List<Event> page;
      do {
        page = store.readEvents(runId, events.isEmpty() ? 0 : events.getLast().seq(), PAGE);
        events.addAll(page);
      } while (page.size() == PAGE);
      RunInfo after = store.getRun(runId).orElseThrow();
      last = new RunHistory(after, events, checkpoints);
      long seen = events.isEmpty() ? 0 : events.getLast().seq();
      if (before.get().lastSeq() == after.lastSeq() && seen == after.lastSeq()) {
        break;
      }
    }
    return Optional.of(last);
  }

  /** The JSON form, {@value #FORMAT}. */
  public String toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("format", FORMAT);
    ObjectNode r = root.putObject("run");
    r.put("runId", run.runId());
    r.put("workflow", run.workflow());
    r.put("version", run.version());
    r.put("status", run.status().wireName());
    r.set("input", Json.tree(run.input()));
    run.result().ifPresent(v -> r.set("result", Json.tree(v)));
    run.error().ifPresent(v -> r.set("error", Json.tree(v)));
    r.put("createdAt", run.createdAt().toString());
    run.startedAt().ifPresent(t -> r.put("startedAt", t.toString()));
    run.finishedAt().ifPresent(t -> r.put("finishedAt", t.toString()));
    r.put("attempt", run.attempt());
    r.put("deployment", run.deployment());
    ArrayNode es = root.putArray("events");
    events.forEach(e -> es.add(Json.tree(e.toJson())));
    ArrayNode cs = root.putArray("checkpoints");
    for (Checkpoint c : checkpoints) {
      ObjectNode o = cs.addObject();
      o.put("path", c.path());
      o.put("attempt", c.attempt());
      o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
      o.set("value", Json.tree(c.value()));
      o.put("at", c.at().toString());
    }
    return root.toString();
  }

  /**
   * Parses the JSON form.
   *
   * @throws IllegalArgumentException if it is not {@value #FORMAT}, naming what is wrong
   */
  public static RunHistory fromJson(String json) {
    JsonNode root;
    try {
      root = Json.tree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a run history: " + e.getMessage(), e);
    }
    String format = root.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "not a run history in the format "
              + FORMAT
              + (format.isEmpty() ? " (it has no \"format\")" : " (its format is " + format + ")"));
    }
    JsonNode r = required(root, "run");
    List<Event> events = new ArrayList<>();
    for (JsonNode e : root.path("events")) {
      events.add(Event.fromJson(e.toString()));
    }
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (JsonNode c : root.path("checkpoints")) {
      checkpoints.add(
          new Checkpoint(
              text(c, "path"),
              required(c, "attempt").asInt(),
              Checkpoint.Kind.valueOf(text(c, "kind").toUpperCase(Locale.ROOT)),
              required(c, "value").toString(),
              Instant.parse(text(c, "at"))));
    }
    RunInfo info =
        new RunInfo(
            text(r, "runId"),
            text(r, "workflow"),
            text(r, "version"),
            RunStatus.fromWire(text(r, "status")),
            required(r, "input").toString(),
            optional(r, "result").map(JsonNode::toString),
            optional(r, "error").map(JsonNode::toString),
            Instant.parse(text(r, "createdAt")),
            optional(r, "startedAt").map(n -> Instant.parse(n.asText())),
            optional(r, "finishedAt").map(n -> Instant.parse(n.asText())),
            events.isEmpty() ? 0 : events.getLast().seq(),
            r.path("deployment").asText("default"),
            r.path("attempt").asInt(1),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            0);
    return new RunHistory(info, events, checkpoints);
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isMissingNode()) {
      throw new IllegalArgumentException("run history lacks \"" + field + "\"");
    }
    return v;
  }

  private static Optional<JsonNode> optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return Optional.ofNullable(v);
  }

  private static String text(JsonNode n, String field) {
    return required(n, field).asText();
  }
}
