package dev.spool.testkit;

import dev.spool.Event;
import dev.spool.OutputAssembler;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import java.util.List;
import java.util.Optional;

/**
 * What a component or workflow run under the {@link ComponentTester} did.
 *
 * @param status how the run ended
 * @param output the output, when it completed
 * @param error the error payload ({@code {"type":…,"message":…}}), when it failed
 * @param events every event it wrote, in order
 * @param history the run's recorded history, as {@code spool runs export} writes it: what a {@link
 *     ReplayTester} replays
 */
public record TestRun<O>(
    RunStatus status,
    Optional<O> output,
    Optional<String> error,
    List<Event> events,
    RunHistory history) {

  /** The events of one type, for example {@code step.retrying}. */
  public List<Event> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  /**
   * The text of an output stream as a client assembles it: chunks in order, without those an {@code
   * output.superseded} event voided.
   */
  public String outputText(String stream) {
    return new OutputAssembler().acceptAll(events).text(stream);
  }

  /** How many attempts the step at {@code path} started. */
  public long attempts(String path) {
    return events("step.started").stream().filter(e -> e.path().equals(path)).count();
  }

  /** The output, or an {@link AssertionError} naming why there is none. */
  public O outputOrThrow() {
    return output.orElseThrow(
        () -> new AssertionError("the run " + status.wireName() + ": " + error.orElse("")));
  }
}
