package dev.spool;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations as people type them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}.
 */
public final class Durations {
  private Durations() {}

  /**
   * Parses {@code text}: a whole number with a unit ({@code ms}, {@code s}, {@code m}, {@code h},
   * {@code d}), a bare number of seconds, or ISO-8601 ({@code PT30S}).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw bad(text);
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return nonNegative(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
      } catch (DateTimeParseException e) {
        throw bad(text);
      }
    }
    int split = 0;
    while (split < t.length() && Character.isDigit(t.charAt(split))) {
      split++;
    }
    if (split == 0 || split > 12) {
      throw bad(text);
    }
    long n = Long.parseLong(t.substring(0, split));
    return switch (t.substring(split).strip()) {
      case "", "s" -> Duration.ofSeconds(n);
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw bad(text);
    };
  }

  private static Duration nonNegative(Duration d, String text) {
    if (d.isNegative()) {
      throw bad(text);
    }
    return d;
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a duration; use a whole number with ms, s, m, h or d (for example 500ms,"
            + " 30s, 2m), or seconds alone");
  }
}
