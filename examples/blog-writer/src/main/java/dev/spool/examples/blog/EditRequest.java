package dev.spool.examples.blog;

import java.util.List;

/** The draft the editor turns into the post: every section, and the sources they cite. */
public record EditRequest(
    String topic, String title, List<Section> sections, List<Source> sources) {
  public EditRequest {
    sections = List.copyOf(sections);
    sources = List.copyOf(sources);
  }
}
