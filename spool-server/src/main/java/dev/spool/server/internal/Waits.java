package dev.spool.server.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code ?wait=} values: {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
public final class Waits {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private Waits() {}

  /**
   * The wait a parameter asks for, or {@code fallback} when it is absent.
   *
   * @throws ApiProblem 400 naming the accepted forms, or the maximum when over it
   */
  public static Duration parse(Optional<String> param, Duration fallback, Duration max) {
    if (param.isEmpty() || param.get().isBlank()) {
      return fallback;
    }
    String text = param.get().trim();
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw ApiProblem.badRequest(
          "wait='"
              + text
              + "' is not a duration: use seconds (30), or a number with ms, s or m (500ms, 30s,"
              + " 2m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        };
    if (d.compareTo(max) > 0) {
      throw ApiProblem.badRequest(
          "wait=" + text + " is longer than the maximum of " + describe(max) + " here");
    }
    return d;
  }

  static String describe(Duration d) {
    if (d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() > 1) {
      return d.toMinutes() + "m";
    }
    return d.toMillisPart() == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
