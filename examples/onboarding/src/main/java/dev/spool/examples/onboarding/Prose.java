package dev.spool.examples.onboarding;

import java.util.List;

/** English for generated company sites: articles and lists. */
final class Prose {
  private Prose() {}

  /** The word with its indefinite article: {@code a robot}, {@code an engine}. */
  static String article(String word) {
    return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
  }

  /** The items as a list in a sentence: {@code a, b and c}. */
  static String and(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
  }

  static String first(String fullName) {
    return fullName.split(" ")[0];
  }
}
