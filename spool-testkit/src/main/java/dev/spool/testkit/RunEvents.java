package dev.spool.testkit;

import dev.spool.Event;
import dev.spool.store.RunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Watching a run's event stream in a store while a worker in another process writes it: how a crash
 * test knows the run is part-way before it kills the worker.
 *
 * <pre>{@code
 * RunEvents.await(store, runId, e -> e.type().equals(EventTypes.STEP_COMPLETED), 8, WAIT);
 * worker.kill9();
 * }</pre>
 */
public final class RunEvents {
  private RunEvents() {}

  /**
   * Waits until the run's stream, from its start, holds {@code n} events that match.
   *
   * @return every event read, up to and including the {@code n}th that matches
   * @throws IllegalStateException if the run ends or {@code timeout} passes first
   */
  public static List<Event> await(
      RunStore store, String runId, Predicate<Event> match, int n, Duration timeout)
      throws InterruptedException {
    List<Event> read = new ArrayList<>();
    int matched = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (matched < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "run " + runId + ": " + matched + " of " + n + " events that match in " + timeout);
      }
      long after = read.isEmpty() ? 0 : read.getLast().seq();
      for (Event e : store.awaitEvents(runId, after, 1000, Duration.ofNanos(left))) {
        read.add(e);
        if (match.test(e) && ++matched == n) {
          break;
        }
        if (e.isTerminal()) {
          throw new IllegalStateException(
              "run "
                  + runId
                  + " ended with "
                  + matched
                  + " of "
                  + n
                  + " events that match: "
                  + e.toJson());
        }
      }
    }
    return read;
  }
}
