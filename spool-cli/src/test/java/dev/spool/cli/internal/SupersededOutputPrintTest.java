package dev.spool.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Event;
import dev.spool.EventTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A terminal cannot take printed text back, so a superseded stream gets a line saying so. */
class SupersededOutputPrintTest {
  @Test
  void supersededOutputIsCalledOutAfterTheChunks() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Io io =
        new Io(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Map.of(),
            false);
    EventPrinter p = EventPrinter.of(io, false);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    p.accept(
        new Event(
            3,
            "r1",
            EventTypes.OUTPUT,
            t,
            "story/write#0",
            1,
            "{\"stream\":\"text\",\"chunk\":\"Half \"}"));
    p.accept(
        new Event(
            4,
            "r1",
            EventTypes.OUTPUT_SUPERSEDED,
            t,
            "story/write#0",
            1,
            "{\"reason\":\"resumed\",\"chunks\":1}"));
    p.accept(
        new Event(
            5,
            "r1",
            EventTypes.OUTPUT_SUPERSEDED,
            t,
            "story/write#0",
            2,
            "{\"reason\":\"llm-outage\"}"));
    p.finish();

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("text │ Half \n");
    assertThat(text)
        .contains("story/write#0 attempt 1: the 1 output chunk(s) above are superseded (resumed)");
    assertThat(text)
        .contains("story/write#0 attempt 2: its output above is superseded (llm-outage)");
  }
}
