package dev.spool.store.redis.internal;

import dev.spool.Event;
import dev.spool.store.Checkpoint;
import dev.spool.store.StoreException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reading a run's stream ({@code XRANGE} from {@code 0-(after+1)}: entry ids are {@code 0-SEQ}, so
 * the sequence number is the cursor) and waiting for its tail ({@code XREAD BLOCK}) on connections
 * of their own, so a waiting reader never holds up the shared connection.
 */
public final class Events implements AutoCloseable {
  /** One blocking read waits at most this long before it is re-issued. */
  private static final Duration MAX_BLOCK = Duration.ofSeconds(30);

  private final Redis redis;
  private final int maxWaiters;
  private final ConcurrentLinkedDeque<Connection.BlockingConnection> idle =
      new ConcurrentLinkedDeque<>();
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param maxWaiters blocking connections kept at most; further waiters poll instead
   */
  public Events(Redis redis, int maxWaiters) {
    this.redis = redis;
    this.maxWaiters = maxWaiters;
  }

  public List<Event> read(String runId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    long after = Math.max(0, afterSeq);
    List<Object> r =
        redis.onRun(
            runId,
            Script.EVENTS,
            List.of(runId, Long.toString(after), Integer.toString(limit)),
            "read events of run " + runId);
    return Codec.is(r, "ok") ? Codec.entries(runId, r.get(1)) : List.of();
  }

  public List<Event> await(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException {
    try {
      return awaitOrFail(runId, afterSeq, limit, maxWait);
    } catch (StoreException e) {
      // An interrupt that lands while a connection opens or a read is answered surfaces from
      // Lettuce wrapped in a failure; the caller asked to be interrupted, so say that.
      if (Thread.interrupted() || interruptedIn(e)) {
        InterruptedException ie =
            new InterruptedException("interrupted while waiting for events of run " + runId);
        ie.initCause(e);
        throw ie;
      }
      throw e;
    }
  }

  private static boolean interruptedIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private List<Event> awaitOrFail(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while waiting for events of run " + runId);
    }
    List<Event> now = read(runId, afterSeq, limit);
    if (!now.isEmpty() || maxWait.toMillis() < 1) {
      return now;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    String key = redis.layout().partition(redis.partitionOf(runId)) + "ev:" + runId;
    String from = "0-" + Math.max(0, afterSeq);
    Connection.BlockingConnection c = borrow();
    if (c == null) {
      return poll(runId, afterSeq, limit, deadline);
    }
    boolean reusable = false;
    try {
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left < 1) {
          reusable = true;
          return List.of();
        }
        long block = Math.min(left, MAX_BLOCK.toMillis());
        CompletableFuture<List<StreamMessage<String, String>>> f =
            c.commands()
                .xread(
                    XReadArgs.Builder.block(block).count(limit),
                    XReadArgs.StreamOffset.from(key, from))
                .toCompletableFuture();
        List<StreamMessage<String, String>> got;
        try {
          got = f.get(block + Connection.BLOCK_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          throw redis.connection().failure(e.getCause(), "wait for events of run " + runId);
        } catch (TimeoutException e) {
          throw new StoreException(
              "Redis at "
                  + redis.connection().describe()
                  + " did not end a blocking read of run "
                  + runId
                  + " in time",
              e);
        }
        if (got != null && !got.isEmpty()) {
          reusable = true;
          List<Event> out = new ArrayList<>(got.size());
          for (StreamMessage<String, String> m : got) {
            out.add(Codec.event(runId, m.getId(), m.getBody()));
          }
          return out;
        }
      }
    } finally {
      giveBack(c, reusable);
    }
  }

  /** Waiting without a connection of its own: reads again with a growing pause. */
  private List<Event> poll(String runId, long afterSeq, int limit, long deadline)
      throws InterruptedException {
    long pause = 20;
    while (System.nanoTime() < deadline) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      Thread.sleep(Math.max(1, Math.min(pause, left)));
      List<Event> got = read(runId, afterSeq, limit);
      if (!got.isEmpty()) {
        return got;
      }
      pause = Math.min(pause * 2, 250);
    }
    return List.of();
  }

  private Connection.BlockingConnection borrow() {
    Connection.BlockingConnection c = idle.pollFirst();
    if (c != null) {
      return c;
    }
    if (open.incrementAndGet() > maxWaiters) {
      open.decrementAndGet();
      return null;
    }
    try {
      return redis.connection().openBlocking();
    } catch (RuntimeException e) {
      open.decrementAndGet();
      throw e;
    }
  }

  /** A connection whose read was cut short (interrupt, failure) may still be blocked: closed. */
  private void giveBack(Connection.BlockingConnection c, boolean reusable) {
    if (reusable && !closed && c.connection().isOpen()) {
      idle.addFirst(c);
      if (closed && idle.remove(c)) {
        drop(c);
      }
    } else {
      drop(c);
    }
  }

  private void drop(Connection.BlockingConnection c) {
    open.decrementAndGet();
    c.close();
  }

  public List<Checkpoint> checkpoints(String runId) {
    int p = redis.partitionOf(runId);
    Map<String, String> f = hash(p, runId);
    if (f.isEmpty()) {
      var elsewhere = redis.locator(runId, p);
      if (elsewhere.isPresent()) {
        f = hash(elsewhere.get(), runId);
      }
    }
    return Codec.checkpointList(f);
  }

  private Map<String, String> hash(int p, String runId) {
    return redis
        .connection()
        .await(
            redis.cmd().hgetall(redis.layout().partition(p) + "cp:" + runId),
            "read checkpoints of run " + runId);
  }

  @Override
  public void close() {
    closed = true;
    Connection.BlockingConnection c;
    while ((c = idle.pollFirst()) != null) {
      drop(c);
    }
  }
}
