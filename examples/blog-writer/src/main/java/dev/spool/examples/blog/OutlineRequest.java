package dev.spool.examples.blog;

import java.util.List;

/** What the outline step works from: the topic, how many sections, and the research. */
public record OutlineRequest(String topic, int sections, List<Source> sources) {
  public OutlineRequest {
    sources = List.copyOf(sources);
  }
}
