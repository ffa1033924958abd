package dev.spool.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.OutputAssembler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shows a blog-writer run for people: one line per phase and per finished section (from its
 * progress events), the edited post streamed in full, retries and failovers as they happen. The
 * sections stream in parallel into outputs of their own; on a terminal a status line counts their
 * words live, elsewhere only the finished sections show. The counts are those of the text that
 * stands so far (see {@link OutputAssembler}): a word split across chunks counts once, and an
 * attempt's words go when its output is superseded.
 */
final class DemoPrinter implements EventPrinter {
  private final PrintStream out;
  private final Style style;
  private final boolean live;
  private final String postStream;
  private final ReentrantLock lock = new ReentrantLock();
  private final OutputAssembler sections = new OutputAssembler();
  private final Map<String, Integer> words = new TreeMap<>();
  private boolean postOpen;
  private boolean postEndsLine;
  private boolean statusShown;

  /**
   * @param postStream the output printed in full as it streams; other outputs are counted
   */
  DemoPrinter(Io io, String postStream) {
    this.out = io.out();
    this.style = new Style(io.colour());
    this.live = io.colour();
    this.postStream = postStream;
  }

  @Override
  public void header(String runId, String workflow, String version) {
    line(style.bold("run " + runId) + "  workflow " + workflow + " v" + version);
  }

  @Override
  public void note(String text) {
    line("  " + style.dim(text));
  }

  @Override
  public void accept(Event e) {
    JsonNode d = Text.data(e.data());
    switch (e.type()) {
      case EventTypes.OUTPUT -> output(e, Text.str(d, "stream"), Text.str(d, "chunk"));
      case EventTypes.OUTPUT_SUPERSEDED -> superseded(e);
      case EventTypes.PROGRESS -> progress(d);
      case EventTypes.STEP_RETRYING ->
          line(
              "  "
                  + style.yellow("↻")
                  + " "
                  + e.path()
                  + " failed ("
                  + Text.str(d.path("error"), "message")
                  + "); retrying");
      case EventTypes.STEP_FAILED ->
          line(
              "  "
                  + style.red("✗")
                  + " "
                  + e.path()
                  + " "
                  + HumanEventPrinter.error(d.path("error")));
      case EventTypes.RUN_RESUMED ->
          line(
              "  "
                  + style.yellow("⟳")
                  + " resumed: "
                  + d.path("checkpoints").asLong()
                  + " finished steps are not run again");
      case EventTypes.WORKER_LOST -> line("  " + style.yellow("⚠") + " worker lost");
      case "llm.retry", "llm.failover", "llm.throttled", "llm.breaker" ->
          line("  " + style.dim("· " + e.type() + " " + Text.compact(d)));
      case EventTypes.RUN_COMPLETED -> completed(d);
      default -> {}
    }
  }

  private void progress(JsonNode d) {
    String phase = Text.str(d, "phase");
    String message = Text.str(d, "message");
    if (phase.equals("write") && d.path("done").asInt(0) > 0) {
      line("    " + style.green("✓") + " " + message);
    } else {
      line("  " + style.cyan("▸ " + Text.pad(phase, 10)) + message);
    }
  }

  private void completed(JsonNode d) {
    String took =
        d.has("durationMs")
            ? "completed in " + Text.duration(Duration.ofMillis(d.path("durationMs").asLong()))
            : "completed";
    line(style.green("✓ ") + style.bold(took) + style.dim(" — the post above is the run's result"));
  }

  private void output(Event e, String stream, String chunk) {
    lock.lock();
    try {
      if (stream.equals(postStream)) {
        clearStatus();
        if (!postOpen) {
          out.println();
          postOpen = true;
        }
        out.print(chunk);
        out.flush();
        if (!chunk.isEmpty()) {
          postEndsLine = chunk.endsWith("\n");
        }
        return;
      }
      sections.accept(e);
      words.put(stream, words(sections.text(stream)));
      showStatus();
    } finally {
      lock.unlock();
    }
  }

  /** Drops the superseded attempt's words from the counts, then says it starts over. */
  private void superseded(Event e) {
    lock.lock();
    try {
      sections.accept(e);
      words.replaceAll((stream, n) -> words(sections.text(stream)));
      line("  " + style.yellow("↺") + " " + e.path() + " starts its output over");
    } finally {
      lock.unlock();
    }
  }

  /** Words as the blog writer counts a section's: runs of non-space. */
  private static int words(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }

  /** On a terminal: one line, rewritten in place, with the words each section has streamed. */
  private void showStatus() {
    if (!live || postOpen || words.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("    streaming ");
    words.forEach((s, n) -> sb.append(' ').append(s).append(' ').append(n).append("w "));
    out.print("\r\u001b[K" + style.dim(sb.toString()));
    out.flush();
    statusShown = true;
  }

  private void clearStatus() {
    if (statusShown) {
      out.print("\r\u001b[K");
      statusShown = false;
    }
  }

  private void line(String text) {
    lock.lock();
    try {
      clearStatus();
      endPost(true);
      out.println(text);
      showStatus();
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the post's block on a line of its own, with a blank line after it when more follows. */
  private void endPost(boolean more) {
    if (postOpen) {
      if (!postEndsLine) {
        out.println();
      }
      if (more) {
        out.println();
      }
      postOpen = false;
    }
  }

  @Override
  public void finish() {
    lock.lock();
    try {
      clearStatus();
      endPost(false);
      out.flush();
    } finally {
      lock.unlock();
    }
  }
}
