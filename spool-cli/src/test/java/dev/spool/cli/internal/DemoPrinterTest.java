package dev.spool.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.OutputAssembler;
import dev.spool.examples.blog.Section;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's live status line counts the words that stand in each section's output. */
class DemoPrinterTest {
  private static final String ONE = "blog/write-section#0";
  private static final String TWO = "blog/write-section#1";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<Event> events = new ArrayList<>();

  @Test
  void countsWordsOfTheTextThatStandsNotChunksAndNotSupersededAttempts() {
    DemoPrinter printer = printer(true);
    feed(printer, output(ONE, 1, "section-1", "Durable exe"));
    feed(printer, output(TWO, 1, "section-2", "Half a sen"));
    feed(printer, output(ONE, 1, "section-1", "cution keeps "));
    assertThat(lastStatus()).isEqualTo("streaming  section-1 3w  section-2 3w");

    feed(printer, event(EventTypes.OUTPUT_SUPERSEDED, TWO, 1, Map.of("reason", "retried")));
    assertThat(lastStatus()).isEqualTo("streaming  section-1 3w  section-2 0w");
    assertThat(text()).contains("↺ " + TWO + " starts its output over");

    feed(printer, output(TWO, 2, "section-2", "Workers d"));
    feed(printer, output(ONE, 1, "section-1", "agents go"));
    feed(printer, output(TWO, 2, "section-2", "ie; runs "));
    feed(printer, output(ONE, 1, "section-1", "ing.\n"));
    feed(printer, output(TWO, 2, "section-2", "resume."));
    printer.finish();

    OutputAssembler stands = new OutputAssembler().acceptAll(events);
    int one = new Section(1, "One", stands.text("section-1").strip()).words();
    int two = new Section(2, "Two", stands.text("section-2").strip()).words();
    assertThat(one).isEqualTo(5);
    assertThat(two).isEqualTo(4);
    assertThat(lastStatus()).isEqualTo("streaming  section-1 " + one + "w  section-2 " + two + "w");
  }

  @Test
  void showsNoStatusLineWhenNotOnATerminal() {
    DemoPrinter printer = printer(false);
    feed(printer, output(ONE, 1, "section-1", "Durable exe"));
    feed(printer, output(ONE, 1, "section-1", "cution."));
    printer.finish();

    assertThat(text()).isEmpty();
  }

  private DemoPrinter printer(boolean terminal) {
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new DemoPrinter(new Io(ps, ps, Map.of(), terminal), "post");
  }

  private void feed(DemoPrinter printer, Event e) {
    events.add(e);
    printer.accept(e);
  }

  private Event output(String path, int attempt, String stream, String chunk) {
    return event(EventTypes.OUTPUT, path, attempt, Map.of("stream", stream, "chunk", chunk));
  }

  private Event event(String type, String path, int attempt, Map<String, String> data) {
    return new Event(
        events.size() + 1,
        "r1",
        type,
        Instant.parse("2026-01-01T00:00:00Z"),
        path,
        attempt,
        Json.write(data));
  }

  /** What was printed, without colour. */
  private String text() {
    return out.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
  }

  /** The status line as last drawn: the text after the last carriage return, without colour. */
  private String lastStatus() {
    String[] drawn = text().split("\r");
    String last = "";
    for (String d : drawn) {
      String plain = d.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").strip();
      if (plain.startsWith("streaming")) {
        last = plain;
      }
    }
    return last;
  }
}
