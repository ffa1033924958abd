package dev.spool;

import java.util.List;

/** A fork names a step its source run never started; {@link #knownSteps()} lists those it did. */
public final class UnknownStepException extends IllegalArgumentException {
  private static final int SHOWN = 20;
  private final List<String> knownSteps;

  public UnknownStepException(String runId, String step, List<String> knownSteps) {
    super(message(runId, step, knownSteps));
    this.knownSteps = List.copyOf(knownSteps);
  }

  /** The step paths the run started, in the order they first started. */
  public List<String> knownSteps() {
    return knownSteps;
  }

  private static String message(String runId, String step, List<String> known) {
    if (known.isEmpty()) {
      return "run " + runId + " has no step '" + step + "': it has not started any step yet";
    }
    String shown = String.join(", ", known.subList(0, Math.min(SHOWN, known.size())));
    return "run "
        + runId
        + " has no step '"
        + step
        + "'; its steps are: "
        + shown
        + (known.size() > SHOWN ? ", … (" + known.size() + " in all)" : "");
  }
}
