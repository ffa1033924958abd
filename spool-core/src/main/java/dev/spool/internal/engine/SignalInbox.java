package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.Json;
import dev.spool.store.Checkpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The signals a run has received ({@code signal.received}, as its {@link History} reads them) that
 * no wait has taken yet; waits replayed from checkpoints took those their {@code signalSeq} names.
 * The first wait of an execution reads the stream, so runs that never wait for a signal never read
 * it for one.
 */
final class SignalInbox {
  private static final Pattern SIGNAL_PATH = Pattern.compile("/signal#\\d+$");

  private final History history;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<Event> pending = new ArrayList<>(); // guarded by lock, oldest first
  private final Set<Long> takenBefore = new HashSet<>(); // guarded by lock, until read
  private volatile boolean caughtUp;

  /** Lock order: the history's, then this one's; this one is never held while the history reads. */
  SignalInbox(History history, List<Checkpoint> checkpoints) {
    this.history = history;
    for (Checkpoint cp : checkpoints) {
      if (cp.kind() == Checkpoint.Kind.COMPLETED && SIGNAL_PATH.matcher(cp.path()).find()) {
        var seq = Json.tree(cp.value()).path("signalSeq");
        if (seq.isIntegralNumber()) {
          takenBefore.add(seq.asLong());
        }
      }
    }
  }

  /** The history read a {@code signal.received} event. */
  void received(Event e) {
    lock.lock();
    try {
      if (!takenBefore.remove(e.seq())) {
        pending.add(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes the oldest signal named {@code name} that no wait has taken yet. */
  Optional<Event> take(String name) {
    if (!caughtUp) {
      history.readNew();
      caughtUp = true;
    }
    lock.lock();
    try {
      for (Iterator<Event> it = pending.iterator(); it.hasNext(); ) {
        Event e = it.next();
        if (name.equals(Json.tree(e.data()).path("name").asText())) {
          it.remove();
          return Optional.of(e);
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code millis} for news of a signal, then reads what is new in the stream. */
  void await(long millis) throws InterruptedException {
    lock.lock();
    try {
      arrived.await(millis, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
    history.readNew();
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
    return history.seen();
  }
}
