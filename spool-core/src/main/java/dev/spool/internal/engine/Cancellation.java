package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunCancelledException;
import dev.spool.store.RunStore;
import dev.spool.store.StoreException;
import java.util.List;

/** How a run that was asked to stop ends: with the reason its newest cancel request gave. */
final class Cancellation {
  private static final int PAGE = 1000;

  private Cancellation() {}

  /**
   * The run's cancel exception, its reason read from the stream (once, when the run ends); without
   * a reason if the stream cannot be read, so the run still ends cancelled.
   */
  static RunCancelledException of(RunStore store, String runId) {
    String reason = "";
    try {
      long after = 0;
      List<Event> page;
      while (!(page = store.readEvents(runId, after, PAGE)).isEmpty()) {
        for (Event e : page) {
          if (e.type().equals(EventTypes.RUN_CANCEL_REQUESTED)) {
            reason = Json.tree(e.data()).path("reason").asText("");
          }
          after = e.seq();
        }
      }
    } catch (StoreException e) {
      // reason unknown; the end is written under the lease, which reports an outage itself
    }
    return new RunCancelledException(runId, reason);
  }
}
