package dev.spool.examples.blog;

/**
 * A written section, as its step checkpoints it.
 *
 * @param number its place in the post, from 1; its text streamed into the output {@code
 *     section-<number>}
 * @param heading its heading
 * @param text its Markdown, without the heading
 */
public record Section(int number, String heading, String text) {
  public int words() {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }
}
