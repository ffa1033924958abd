package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.store.Checkpoint;
import dev.spool.store.RunStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The signals a run has received, read from its own event stream ({@code signal.received}), and
 * which of them earlier waits already took (recorded in their checkpoints as {@code signalSeq}).
 * Loaded on the first wait only, so runs that never wait for a signal never read their stream.
 */
final class SignalInbox {
  private static final int PAGE = 500;

  private final RunStore store;
  private final String runId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<Event> received = new ArrayList<>();
  private final Set<Long> taken = new HashSet<>();
  private long readUpTo; // guarded by lock: the stream has been scanned up to this seq
  private boolean loaded;

  SignalInbox(RunStore store, String runId) {
    this.store = store;
    this.runId = runId;
  }

  /** Notes the signals that replayed waits took. */
  void takenByCheckpoint(Checkpoint cp) {
    var seq = Json.tree(cp.value()).path("signalSeq");
    if (seq.isIntegralNumber()) {
      lock.lock();
      try {
        taken.add(seq.asLong());
      } finally {
        lock.unlock();
      }
    }
  }

  /** Takes the oldest signal named {@code name} that no wait has taken yet. */
  Optional<Event> take(String name) {
    lock.lock();
    try {
      if (!loaded) {
        refreshLocked();
        loaded = true;
      }
      for (Event e : received) {
        if (!taken.contains(e.seq()) && name.equals(Json.tree(e.data()).path("name").asText())) {
          taken.add(e.seq());
          return Optional.of(e);
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code millis} for news of a signal, then reads the stream again. */
  void await(long millis) throws InterruptedException {
    lock.lock();
    try {
      arrived.await(millis, TimeUnit.MILLISECONDS);
      refreshLocked();
    } finally {
      lock.unlock();
    }
  }

  /** The worker saw a newer signal in the store: wake the waits. */
  void signalArrived() {
    lock.lock();
    try {
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The newest seq read; a suspension that sees a newer signal in the store wakes at once. */
  long readUpTo() {
    lock.lock();
    try {
      return readUpTo;
    } finally {
      lock.unlock();
    }
  }

  private void refreshLocked() {
    while (true) {
      List<Event> page = store.readEvents(runId, readUpTo, PAGE);
      for (Event e : page) {
        if (EventTypes.SIGNAL_RECEIVED.equals(e.type())) {
          received.add(e);
        }
        readUpTo = e.seq();
      }
      if (page.size() < PAGE) {
        return;
      }
    }
  }
}
