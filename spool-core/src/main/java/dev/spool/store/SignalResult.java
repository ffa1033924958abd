package dev.spool.store;

import dev.spool.Event;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RunStore#sendSignal}.
 *
 * @param run the run as it is after the signal
 * @param event the {@code signal.received} event appended, or empty when the run had already ended
 *     and nothing was written
 */
public record SignalResult(RunInfo run, Optional<Event> event) {
  public SignalResult {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(event, "event");
  }

  public boolean delivered() {
    return event.isPresent();
  }
}
