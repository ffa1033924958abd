package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunCancelledException;
import dev.spool.store.Claim;
import dev.spool.store.RunStore;
import dev.spool.store.StoreException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A run's event stream as one execution has read it, for what the execution must know of it: what
 * earlier executions wrote from step bodies ({@link Echoes}), the signals the run received ({@link
 * SignalInbox}) and the reason of its newest cancel request.
 *
 * <p>Every event is read once. A resumed execution reads the stream up to its end when it is built,
 * in pages; a first execution reads nothing until a signal wait or the run's cancelled end needs
 * it. After that, each read takes only the events past the newest one read, so a signal or cancel
 * request that arrives while the run runs costs a read of what is new. Each pass feeds every reader
 * at once, and nothing keeps the events themselves: each reader keeps what it needs of them.
 */
final class History {
  private static final int PAGE = 5000;

  private final RunStore store;
  private final String runId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Echoes echoes = new Echoes();
  private final SignalInbox signals;
  private long seen; // guarded by lock: the seq of the newest event read
  private String cancelReason = ""; // guarded by lock

  /** Reads the stream at once if the claim resumes the run; on a first execution, nothing. */
  History(RunStore store, Claim claim) {
    this.store = store;
    this.runId = claim.run().runId();
    this.signals = new SignalInbox(this, claim.checkpoints());
    if (claim.lease().attempt() > 1) {
      read(true); // before this execution writes anything, so all it reads is earlier executions'
    }
  }

  /** What earlier executions wrote from step bodies; empty on a first execution. */
  Echoes echoes() {
    return echoes;
  }

  SignalInbox signals() {
    return signals;
  }

  /** Reads the events after the newest one read so far. */
  void readNew() {
    read(false);
  }

  /** The seq of the newest event read; every signal up to it is in the inbox. */
  long seen() {
    lock.lock();
    try {
      return seen;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The exception a cancelled run ends with, with the reason its newest cancel request gave. If the
   * stream cannot be read the reason is the newest one read before, so the run still ends
   * cancelled.
   */
  RunCancelledException cancellation() {
    try {
      readNew();
    } catch (StoreException e) {
      // the end is written under the lease, which reports an outage itself
    }
    lock.lock();
    try {
      return new RunCancelledException(runId, cancelReason);
    } finally {
      lock.unlock();
    }
  }

  /** One pass from the newest event read to the end of the stream, feeding every reader. */
  private void read(boolean earlierExecutions) {
    lock.lock();
    try {
      List<Event> page;
      do {
        page = store.readEvents(runId, seen, PAGE);
        for (Event e : page) {
          if (earlierExecutions) {
            echoes.read(e);
          }
          switch (e.type()) {
            case EventTypes.SIGNAL_RECEIVED -> signals.received(e);
            case EventTypes.RUN_CANCEL_REQUESTED ->
                cancelReason = Json.tree(e.data()).path("reason").asText("");
            default -> {}
          }
          seen = e.seq();
        }
      } while (page.size() == PAGE);
    } finally {
      lock.unlock();
    }
  }
}
