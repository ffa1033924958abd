package dev.spool.builtin;

import dev.spool.Workflow;
import java.util.List;

/** The workflows registered by default. */
public final class Builtins {
  private Builtins() {}

  public static List<Workflow<?, ?>> all() {
    return List.of(Hello.WORKFLOW, Steps.WORKFLOW, Approval.WORKFLOW);
  }
}
