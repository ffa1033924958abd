package dev.spool.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Small formatting helpers shared by the commands. */
final class Text {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Text() {}

  static String firstLine(String s) {
    if (s == null || s.isEmpty()) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * A duration the way people read it: {@code 412ms}, {@code 1.2s}, {@code 3m04s}, {@code 2h05m}.
   */
  static String duration(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format("%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
  }

  static String localTime(Instant t) {
    return LOCAL.format(t);
  }

  /** Parses an event's data; a payload that is not JSON shows as a string rather than failing. */
  static JsonNode data(String json) {
    try {
      return Json.tree(json);
    } catch (IllegalArgumentException e) {
      return Json.mapper().getNodeFactory().textNode(json);
    }
  }

  /** The text of a field, or {@code ""} when it is missing. */
  static String str(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }

  /** Compact JSON of a node. */
  static String compact(JsonNode node) {
    return Json.write(node);
  }

  /** Pads {@code s} to {@code width} visible characters. */
  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
