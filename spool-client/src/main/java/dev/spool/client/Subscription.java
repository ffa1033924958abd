package dev.spool.client;

import dev.spool.Event;
import dev.spool.client.internal.EventFollower;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A run's event stream followed on a thread of its own ({@link SpoolClient#subscribe}). Close it to
 * stop following: once {@link #close} returns, the sink is not called again.
 */
public final class Subscription implements AutoCloseable {
  private final EventFollower follower;
  private final CompletableFuture<Event> terminal = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean closed;

  Subscription(EventFollower follower, Consumer<Subscription> onEnd) {
    this.follower = follower;
    this.thread =
        Thread.ofVirtual()
            .name("spool-follow-" + follower.runId())
            .unstarted(
                () -> {
                  try {
                    terminal.complete(follower.run());
                  } catch (Throwable t) {
                    if (closed) {
                      terminal.cancel(false);
                    } else {
                      terminal.completeExceptionally(t);
                    }
                  } finally {
                    onEnd.accept(this);
                  }
                });
  }

  Subscription start() {
    thread.start();
    return this;
  }

  public String runId() {
    return follower.runId();
  }

  /** The sequence number of the last event delivered to the sink. */
  public long lastSeq() {
    return follower.lastSeq();
  }

  /** How many times the stream was reconnected so far. */
  public int reconnects() {
    return follower.reconnects();
  }

  /**
   * Completes with the run's terminal event once it is delivered; completes exceptionally with the
   * {@link SpoolClientException} (or the sink's exception) that ended the follow, or with a {@link
   * CancellationException} when the subscription was closed first. A copy: completing it does not
   * affect the subscription.
   */
  public CompletableFuture<Event> terminal() {
    return terminal.copy();
  }

  /**
   * Blocks until the follow ends and returns the terminal event.
   *
   * @throws SpoolClientException what ended the follow, or an interrupt of the waiting thread
   * @throws CancellationException when the subscription was closed first
   */
  public Event await() {
    try {
      return terminal.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpoolClientException("interrupted while waiting for run " + runId() + " to end", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new SpoolClientException(e.getCause().toString(), e.getCause());
    }
  }

  /** Waits for the follow thread to end, after it was told to stop. */
  void join() {
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isDone() {
    return terminal.isDone();
  }

  /**
   * Stops following and waits for the follow thread to end. Idempotent; safe to call from the sink
   * itself (it then does not wait for its own thread).
   */
  @Override
  public void close() {
    closed = true;
    follower.stop("the subscription was closed");
    join();
  }
}
