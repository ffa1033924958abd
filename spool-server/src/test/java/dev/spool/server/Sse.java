package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** A server-sent event stream as a client saw it, parsed from its lines. */
record Sse(List<String> lines, List<Frame> frames, List<String> comments) {
  /** One event: its {@code id:}, {@code event:} and {@code data:} fields. */
  record Frame(String id, String event, String data) {
    Event parsed() {
      return Event.fromJson(data);
    }
  }

  static Sse parse(List<String> lines) {
    List<Frame> frames = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    String id = null;
    String event = null;
    StringBuilder data = null;
    for (String line : lines) {
      if (line.isEmpty()) {
        if (data != null) {
          frames.add(new Frame(id, event, data.toString()));
        }
        id = null;
        event = null;
        data = null;
      } else if (line.startsWith(":")) {
        comments.add(line);
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder() : data.append('\n');
        data.append(line.substring(6));
      }
    }
    return new Sse(List.copyOf(lines), frames, comments);
  }

  List<Event> events() {
    return frames.stream().map(Frame::parsed).toList();
  }

  List<Long> seqs() {
    return events().stream().map(Event::seq).toList();
  }

  /** Every frame's id and event name agree with its data, and the stream ends on a terminal. */
  Sse assertWellFormedToTheEnd() {
    assertThat(lines.getFirst()).isEqualTo("retry: 1000");
    for (Frame f : frames) {
      Event e = f.parsed();
      assertThat(f.id()).isEqualTo(Long.toString(e.seq()));
      assertThat(f.event()).isEqualTo(e.type());
    }
    assertThat(events().getLast().isTerminal()).as("last event is terminal").isTrue();
    assertThat(events().stream().filter(Event::isTerminal)).hasSize(1);
    return this;
  }

  static List<Long> range(long afterSeq, long lastSeq) {
    return LongStream.rangeClosed(afterSeq + 1, lastSeq).boxed().toList();
  }
}
