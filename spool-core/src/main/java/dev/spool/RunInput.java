package dev.spool;

import java.util.Objects;

/**
 * A workflow's input, parsed and checked once, with the JSON a run of it stores. A caller that
 * checks an input before it starts a run (the HTTP API answers a bad one with a problem) hands this
 * to {@link Spool#start(RunInput, java.util.Optional)}, so the input is not parsed again.
 *
 * @param <I> the workflow's input type
 */
public final class RunInput<I> {
  private final Workflow<I, ?> workflow;
  private final I value;
  private final String json;

  private RunInput(Workflow<I, ?> workflow, I value, String json) {
    this.workflow = workflow;
    this.value = value;
    this.json = json;
  }

  /**
   * Parses and checks {@code json} as an input of {@code workflow}.
   *
   * @throws InvalidInputException saying what does not fit, in one line
   */
  public static <I> RunInput<I> parse(Workflow<I, ?> workflow, String json) {
    Objects.requireNonNull(workflow, "workflow");
    I value = workflow.parseInput(json);
    return new RunInput<>(workflow, value, Json.write(value));
  }

  public Workflow<I, ?> workflow() {
    return workflow;
  }

  public I value() {
    return value;
  }

  /** The input as a run stores it: written from the parsed value, so equal inputs read equal. */
  public String json() {
    return json;
  }
}
