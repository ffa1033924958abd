package dev.spool.examples.blog;

import java.util.List;

/**
 * What one section's writer gets: the post around it, its own plan, and the sources it cites.
 *
 * @param number its place, from 1
 * @param of how many sections the post has
 */
public record SectionRequest(
    String topic,
    String title,
    int number,
    int of,
    String heading,
    String brief,
    List<Source> sources) {
  public SectionRequest {
    sources = List.copyOf(sources);
  }

  /** The output stream its text streams into. */
  public String stream() {
    return "section-" + number;
  }
}
