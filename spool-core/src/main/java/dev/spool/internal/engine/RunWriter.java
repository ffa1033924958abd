package dev.spool.internal.engine;

import dev.spool.store.Checkpoint;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.LeaseLostException;
import dev.spool.store.NewEvent;
import dev.spool.store.RunStore;
import dev.spool.store.StoreException;
import dev.spool.store.Transition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every write of one run goes through here, in order. Fire-and-forget events (step starts,
 * progress, output) are queued; a write that must be durable before the run goes on (a checkpoint,
 * a status change) waits for its commit. One writer thread merges whatever is queued into a single
 * store commit (group commit), so a fast step costs about one store write.
 */
final class RunWriter implements AutoCloseable {
  private static final Duration MAX_STORE_OUTAGE = Duration.ofSeconds(30);

  private record Pending(Commit commit, CompletableFuture<Long> done) {}

  private final RunStore store;
  private final Supplier<Lease> lease;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Thread thread;
  private RuntimeException failure;
  private boolean closed;
  private boolean stopped;

  RunWriter(RunStore store, Supplier<Lease> lease, String runId) {
    this.store = store;
    this.lease = lease;
    this.thread = Thread.ofVirtual().name("spool-writer-" + runId).start(this::loop);
  }

  /** Queues events; they are written in order, soon, without waiting. */
  void append(NewEvent... events) {
    enqueue(new Commit(List.of(events), List.of(), Optional.empty()), null);
  }

  /** Queues a checkpoint (with its events) without waiting; later writes commit after it. */
  void appendCheckpoint(Checkpoint checkpoint, NewEvent... events) {
    enqueue(new Commit(List.of(events), List.of(checkpoint), Optional.empty()), null);
  }

  /** Writes and waits until the commit, and everything queued before it, is durable. */
  long commit(Commit commit) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    enqueue(commit, done);
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Halt.LeaseLost("interrupted while writing run events", e);
    } catch (ExecutionException e) {
      throw asHalt(e.getCause());
    }
  }

  /** Waits until everything queued so far is written. */
  void flush() {
    commit(new Commit(List.of(), List.of(), Optional.empty()));
  }

  private void enqueue(Commit commit, CompletableFuture<Long> done) {
    lock.lock();
    try {
      if (failure != null) {
        throw asHalt(failure);
      }
      if (closed || stopped) {
        throw new Halt.LeaseLost("the run's execution was stopped", null);
      }
      queue.add(new Pending(commit, done));
      queued.signal();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          queued.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return;
        }
        // A status change releases the lease, so nothing may follow it in the same batch.
        while (!queue.isEmpty()) {
          Pending p = queue.poll();
          batch.add(p);
          if (p.commit().transition().isPresent()) {
            break;
          }
        }
      } finally {
        lock.unlock();
      }
      write(batch);
      batch.clear();
    }
  }

  private void write(List<Pending> batch) {
    List<NewEvent> events = new ArrayList<>();
    List<Checkpoint> checkpoints = new ArrayList<>();
    Optional<Transition> transition = Optional.empty();
    for (Pending p : batch) {
      events.addAll(p.commit().events());
      checkpoints.addAll(p.commit().checkpoints());
      if (p.commit().transition().isPresent()) {
        transition = p.commit().transition();
      }
    }
    Commit merged = new Commit(events, checkpoints, transition);
    try {
      long seq = commitWithRetry(merged);
      for (Pending p : batch) {
        if (p.done() != null) {
          p.done().complete(seq);
        }
      }
    } catch (RuntimeException e) {
      List<Pending> failed = new ArrayList<>(batch);
      lock.lock();
      try {
        failure = e;
        failed.addAll(queue);
        queue.clear();
      } finally {
        lock.unlock();
      }
      for (Pending p : failed) {
        if (p.done() != null) {
          p.done().completeExceptionally(e);
        }
      }
    }
  }

  /** Rides out a short store outage; a lost lease is final at once. */
  private long commitWithRetry(Commit merged) {
    long deadline = System.nanoTime() + MAX_STORE_OUTAGE.toNanos();
    long backoffMs = 20;
    while (true) {
      try {
        return store.commit(lease.get(), merged);
      } catch (StoreException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoffMs = Math.min(backoffMs * 2, 1000);
      }
    }
  }

  private static Error asHalt(Throwable t) {
    if (t instanceof LeaseLostException lost) {
      return new Halt.LeaseLost(lost.getMessage(), lost);
    }
    if (t instanceof Halt h) {
      return h;
    }
    return new Halt.LeaseLost("the store failed: " + t.getMessage(), t);
  }

  /** Refuses every further write; what is queued still goes out. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /** Writes what is queued, then stops the writer thread. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queued.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
