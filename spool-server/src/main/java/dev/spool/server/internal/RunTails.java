package dev.spool.server.internal;

import dev.spool.Event;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RunTail} per run that has a follower in this process: a stream, long poll or result
 * wait follows a run through its tail instead of waiting on the store itself. A tail starts with
 * its run's first follower and stops once its run has ended and every follower is gone, or after
 * {@code linger} without followers, or on a store error.
 */
public final class RunTails implements AutoCloseable {
  /** Events a tail keeps: a follower further behind than this reads the store. */
  static final int WINDOW = 1024;

  /** Event data a tail keeps at most, in chars: a run of large events keeps fewer. */
  static final long WINDOW_CHARS = 1L << 20;

  /** How long a tail outlives its last follower: a client reconnecting finds it still there. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private final RunStore store;
  private final Duration wait;
  private final Duration linger;
  private final int window;
  private final ConcurrentHashMap<String, RunTail> tails = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param wait how long a tail's store wait lasts while it has followers
   */
  public RunTails(RunStore store, Duration wait) {
    this(store, wait, LINGER, WINDOW);
  }

  RunTails(RunStore store, Duration wait, Duration linger, int window) {
    this.store = store;
    this.wait = wait;
    this.linger = linger;
    this.window = window;
  }

  /**
   * Follows {@code run} from after seq {@code after}; the caller closes the follower. What lies
   * before the run's head (its last seq as the caller read it) comes from the store, and so does
   * all of a run that has ended: a tail carries only live events.
   *
   * @throws InterruptedException once the server is closing
   */
  Follower follow(RunInfo run, long after) throws InterruptedException {
    if (closed) {
      throw new InterruptedException("the server is closing");
    }
    if (run.status().isTerminal()) {
      return new Follower(null, run.runId(), after);
    }
    RunTail[] created = {null};
    RunTail tail =
        tails.compute(
            run.runId(),
            (id, t) -> {
              if (t == null || t.failed()) {
                t = new RunTail(id, run.lastSeq(), store, this, window, WINDOW_CHARS);
                created[0] = t;
              }
              t.followers++;
              return t;
            });
    if (created[0] != null) {
      RunTail t = created[0];
      t.thread = Thread.ofVirtual().name("spool-tail-" + t.runId).start(() -> t.run(wait, linger));
    }
    Follower f = new Follower(tail, run.runId(), after);
    if (closed) {
      f.close();
      stop(tail);
      throw new InterruptedException("the server is closing");
    }
    return f;
  }

  /** Removes the tail when it has no followers and has ended or lingered; true if it is gone. */
  boolean retireIfIdle(RunTail tail, Duration idle) {
    boolean[] kept = {false};
    tails.computeIfPresent(
        tail.runId,
        (id, t) -> {
          if (t != tail) {
            return t;
          }
          if (t.idleFor(idle)) {
            return null;
          }
          kept[0] = true;
          return t;
        });
    return !kept[0];
  }

  /** Removes a tail that failed, so that the next follower starts a new one. */
  void forget(RunTail tail) {
    tails.remove(tail.runId, tail);
  }

  private void leave(RunTail tail) {
    tails.computeIfPresent(
        tail.runId,
        (id, t) -> {
          if (t != tail) {
            return t;
          }
          t.followers--;
          if (t.followers > 0) {
            return t;
          }
          t.idleSince = System.nanoTime();
          return t.ended() ? null : t; // an ended tail's thread is gone already
        });
  }

  /** Runs with a tail in this process right now. */
  public int size() {
    return tails.size();
  }

  /** Stops every tail; followers still waiting see the stream end. */
  @Override
  public void close() {
    closed = true;
    tails.values().forEach(RunTails::stop);
  }

  private static void stop(RunTail tail) {
    Thread t = tail.thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /** One follower of a run: its cursor, and its place among the run's followers until closed. */
  /**
   * Whether event {@code i} of {@code batch} ends its run's stream: a terminal event after which
   * the run has nothing, neither in the batch nor in the store. A retried run has events after an
   * earlier terminal one ({@code run.retried} and on), and a stream reads on past it.
   */
  static boolean ends(RunStore store, List<Event> batch, int i) {
    Event e = batch.get(i);
    return e.isTerminal()
        && i == batch.size() - 1
        && store.readEvents(e.runId(), e.seq(), 1).isEmpty();
  }

  final class Follower implements AutoCloseable {
    private final RunTail tail; // null for a run that has ended: the store has all of it
    private final String runId;
    private long cursor;
    private boolean closed;

    private Follower(RunTail tail, String runId, long after) {
      this.tail = tail;
      this.runId = runId;
      this.cursor = after;
    }

    /**
     * Up to {@code limit} events after this follower's cursor, which moves past them; waits up to
     * {@code maxWait} for the first, and returns an empty list on timeout or once the run ended.
     */
    List<Event> next(int limit, Duration maxWait) throws InterruptedException {
      List<Event> events =
          tail == null ? store.readEvents(runId, cursor, limit) : tail.next(cursor, limit, maxWait);
      if (!events.isEmpty()) {
        cursor = events.getLast().seq();
      }
      return events;
    }

    /** Whether {@code batch.get(i)}, as this follower read it, ends the run's stream. */
    boolean ends(List<Event> batch, int i) {
      return RunTails.ends(store, batch, i);
    }

    @Override
    public void close() {
      if (!closed && tail != null) {
        leave(tail);
      }
      closed = true;
    }
  }
}
