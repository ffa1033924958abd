package dev.spool.examples.blog;

import java.util.List;

/**
 * An article of the library the blog writer researches.
 *
 * @param slug its name, also its path: {@code https://library.example/<slug>}
 * @param title its heading
 * @param paragraphs its text
 */
public record Document(String slug, String title, List<String> paragraphs) {
  public Document {
    paragraphs = List.copyOf(paragraphs);
  }

  public String url() {
    return Library.BASE_URL + slug;
  }

  public String text() {
    return String.join("\n\n", paragraphs);
  }
}
