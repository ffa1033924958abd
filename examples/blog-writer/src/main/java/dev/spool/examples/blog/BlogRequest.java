package dev.spool.examples.blog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What to write about.
 *
 * @param topic the post's subject, for example "durable execution for AI agents"
 * @param sections how many sections the post has, 2 to 6 (default 4)
 */
public record BlogRequest(@JsonProperty(required = true) String topic, Integer sections) {
  public static final int DEFAULT_SECTIONS = 4;

  public BlogRequest {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    if (topic.length() > 200) {
      throw new IllegalArgumentException("topic must be at most 200 characters");
    }
    if (sections != null && (sections < 2 || sections > 6)) {
      throw new IllegalArgumentException("sections must be within 2..6, got " + sections);
    }
    topic = topic.strip();
  }

  public static BlogRequest of(String topic) {
    return new BlogRequest(topic, null);
  }

  int sectionCount() {
    return sections == null ? DEFAULT_SECTIONS : sections;
  }
}
