package dev.spool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles a run's output streams from its events the way a client should: {@code output} chunks
 * in sequence order, minus those an {@code output.superseded} event voided (every earlier chunk
 * with the superseded event's path and attempt). The text so assembled for a finished run is the
 * output that stands, even when a step streamed, died and ran again.
 *
 * <pre>{@code
 * OutputAssembler out = new OutputAssembler();
 * spool.follow(runId, 0, out::accept);
 * String text = out.text("text");
 * }</pre>
 *
 * <p>Feed it events in order, live or replayed; other event types are ignored. Not thread-safe.
 */
public final class OutputAssembler {
  private record Chunk(String path, int attempt, String stream, String text) {}

  private final List<Chunk> chunks = new ArrayList<>();

  /** Takes one event of the run's stream, in sequence order. */
  public void accept(Event e) {
    if (e.type().equals(EventTypes.OUTPUT)) {
      JsonNode data = Json.tree(e.data());
      chunks.add(
          new Chunk(
              e.path(), e.attempt(), data.path("stream").asText(), data.path("chunk").asText()));
    } else if (e.type().equals(EventTypes.OUTPUT_SUPERSEDED)) {
      chunks.removeIf(c -> c.path().equals(e.path()) && c.attempt() == e.attempt());
    }
  }

  /** Takes events in sequence order. */
  public OutputAssembler acceptAll(Iterable<Event> events) {
    events.forEach(this::accept);
    return this;
  }

  /** The text of one output stream that stands so far. */
  public String text(String stream) {
    StringBuilder sb = new StringBuilder();
    for (Chunk c : chunks) {
      if (c.stream().equals(stream)) {
        sb.append(c.text());
      }
    }
    return sb.toString();
  }

  /** The names of the streams with output that stands, in order of their first chunk. */
  public Set<String> streams() {
    Set<String> names = new LinkedHashSet<>();
    chunks.forEach(c -> names.add(c.stream()));
    return names;
  }
}
