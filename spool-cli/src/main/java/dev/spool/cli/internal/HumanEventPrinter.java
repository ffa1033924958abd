package dev.spool.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.EventTypes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shows events as lines for people: one line per step event, output chunks inline as they arrive
 * (one {@code stream │} prefix per block), the result last. Failure reasons go to stderr, written
 * by the caller.
 */
final class HumanEventPrinter implements EventPrinter {
  private final PrintStream out;
  private final Style style;
  private final ReentrantLock lock = new ReentrantLock();

  /** The output block being printed, {@code path + stream}, or null when no output line is open. */
  private String openBlock;

  private String continuation = "";

  HumanEventPrinter(Io io) {
    this.out = io.out();
    this.style = new Style(io.colour());
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
    if (e.type().equals(EventTypes.OUTPUT)) {
      output(e);
      return;
    }
    String text = describe(e, Text.data(e.data()));
    if (text != null) {
      line(text);
    }
  }

  @Override
  public void finish() {
    lock.lock();
    try {
      endBlock();
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /** The line for an event, or null for events people need not see (queued, started). */
  private String describe(Event e, JsonNode d) {
    String path = e.path();
    return switch (e.type()) {
      case EventTypes.RUN_QUEUED, EventTypes.RUN_STARTED -> null;
      case EventTypes.STEP_STARTED ->
          "  "
              + style.cyan("▸")
              + " "
              + path
              + (e.attempt() > 1 ? style.dim(" (attempt " + e.attempt() + ")") : "");
      case EventTypes.STEP_COMPLETED ->
          "  "
              + style.green("✓")
              + " "
              + path
              + "  "
              + style.dim(d.path("durationMs").asLong() + " ms")
              + (d.path("fallback").asBoolean(false) ? style.dim(" (fallback)") : "");
      case EventTypes.STEP_RETRYING ->
          "  "
              + style.yellow("↻")
              + " "
              + path
              + " attempt "
              + e.attempt()
              + " failed: "
              + Text.str(d.path("error"), "message")
              + "; retrying in "
              + d.path("delayMs").asLong()
              + " ms";
      case EventTypes.STEP_FAILED ->
          "  " + style.red("✗") + " " + path + " " + error(d.path("error"));
      case EventTypes.STEP_FALLBACK -> "  " + style.yellow("⤷") + " " + path + " fell back";
      case EventTypes.PROGRESS -> "  " + style.dim("· progress " + Text.compact(d));
      case EventTypes.OUTPUT_SUPERSEDED ->
          "  "
              + style.yellow("⟲")
              + " "
              + path
              + " attempt "
              + e.attempt()
              + (d.has("chunks")
                  ? ": the " + d.path("chunks").asLong() + " output chunk(s) above are superseded ("
                  : ": its output above is superseded (")
              + Text.str(d, "reason")
              + ")";
      case EventTypes.RUN_RESUMED ->
          "  "
              + style.yellow("⟳")
              + " resumed (attempt "
              + e.attempt()
              + ", "
              + d.path("checkpoints").asLong()
              + " checkpoints replayed)";
      case EventTypes.RUN_WAITING -> "  " + style.yellow("⏸") + " " + waiting(d);
      case EventTypes.RUN_HANDOFF ->
          "  " + style.yellow("⇄") + " handed off by " + Text.str(d, "worker") + " (drain)";
      case EventTypes.RUN_CANCEL_REQUESTED ->
          "  " + style.yellow("■") + " cancel requested " + Text.compact(d);
      case EventTypes.SIGNAL_RECEIVED -> "  " + style.cyan("✉") + " signal " + Text.compact(d);
      case EventTypes.WORKER_LOST -> "  " + style.yellow("⚠") + " worker lost " + Text.compact(d);
      case EventTypes.RUN_COMPLETED -> completed(d);
      case EventTypes.RUN_FAILED, EventTypes.RUN_CANCELLED -> null; // the caller says why on stderr
      default -> "  " + style.dim("· " + e.type() + " " + Text.compact(d));
    };
  }

  private String completed(JsonNode d) {
    String took =
        d.has("durationMs")
            ? style.dim(
                    "completed in "
                        + Text.duration(Duration.ofMillis(d.path("durationMs").asLong())))
                + "\n"
            : "";
    return took + style.bold("result:") + " " + Text.compact(d.path("result"));
  }

  static String error(JsonNode err) {
    String type = Text.str(err, "type");
    String message = Text.str(err, "message");
    return type.isEmpty() ? message : type + ": " + message;
  }

  /** Prints a chunk inline; a new block (another step or stream) starts on its own line. */
  private void output(Event e) {
    JsonNode d = Text.data(e.data());
    String stream = Text.str(d, "stream");
    String chunk = Text.str(d, "chunk");
    lock.lock();
    try {
      String block = e.path() + "\u0000" + stream;
      if (!block.equals(openBlock)) {
        endBlock();
        String prefix = "  " + stream + " │ ";
        continuation = "\n" + " ".repeat(prefix.length() - 2) + "│ ";
        out.print(style.dim(prefix));
        openBlock = block;
      }
      out.print(chunk.replace("\n", style.dim(continuation)));
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  private void line(String text) {
    lock.lock();
    try {
      endBlock();
      out.println(text);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  private void endBlock() {
    if (openBlock != null) {
      out.println();
      openBlock = null;
    }
  }

  private static String waiting(JsonNode d) {
    String until = d.has("until") ? " until " + Text.str(d, "until") : "";
    return "signal".equals(Text.str(d, "reason"))
        ? "waiting for signal '" + Text.str(d, "name") + "'" + until
        : "waiting" + until + " (" + Text.str(d, "reason") + ")";
  }
}
