package dev.spool.examples.blog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits prose into sentences: at '.', '!' or '?' followed by a space and a capital. */
final class Sentences {
  private static final Pattern END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"“(])");

  private Sentences() {}

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    for (String s : END.split(text.strip())) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
