package dev.spool.examples.blog;

import java.util.List;

/** The post's plan: its title and its sections, in order. */
public record Outline(String title, List<SectionPlan> sections) {
  /**
   * One section's plan.
   *
   * @param heading its heading
   * @param brief what it says, in a sentence
   * @param sources the numbers of the sources it draws on
   */
  public record SectionPlan(String heading, String brief, List<Integer> sources) {}
}
