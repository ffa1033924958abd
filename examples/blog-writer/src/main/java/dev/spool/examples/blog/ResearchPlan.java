package dev.spool.examples.blog;

import java.util.List;

/** The searches the model proposes for a topic. */
public record ResearchPlan(List<String> queries) {}
