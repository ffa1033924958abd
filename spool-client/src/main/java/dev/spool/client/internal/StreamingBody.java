package dev.spool.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A streaming response body read as an {@link InputStream}, unlike the JDK's own in two ways a
 * long-lived stream needs: a read that waits longer than the idle timeout fails (a half-open TCP
 * connection otherwise blocks forever), and {@link #abort} from any thread ends a blocked read at
 * once and drops the connection.
 */
public final class StreamingBody extends InputStream
    implements HttpResponse.BodySubscriber<StreamingBody> {
  private static final Object END = new Object();
  private static final Object ABORTED = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Duration idleTimeout;
  private final Runnable onBytes;
  private volatile Flow.Subscription subscription;
  private volatile boolean aborted;
  private Iterator<ByteBuffer> batch;
  private ByteBuffer current;
  private boolean finished;

  /**
   * @param idleTimeout how long a read may wait for the next bytes
   * @param onBytes called (on the HTTP client's thread) whenever bytes arrive
   */
  public StreamingBody(Duration idleTimeout, Runnable onBytes) {
    this.idleTimeout = idleTimeout;
    this.onBytes = onBytes;
  }

  /** A read that fails because the server sent nothing for the idle timeout. */
  public static final class IdleException extends IOException {
    IdleException(String message) {
      super(message);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (aborted) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    onBytes.run();
    queue.add(items);
  }

  @Override
  public void onError(Throwable t) {
    queue.add(t);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public CompletionStage<StreamingBody> getBody() {
    return CompletableFuture.completedStage(this);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      if (batch != null && batch.hasNext()) {
        current = batch.next();
        continue;
      }
      if (finished) {
        return -1;
      }
      nextBatch();
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  @SuppressWarnings("unchecked")
  private void nextBatch() throws IOException {
    if (aborted) {
      finished = true;
      throw new IOException("the stream was closed");
    }
    Object item;
    try {
      item = queue.poll(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      abort();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the event stream");
    }
    if (item == null) {
      abort();
      throw new IdleException("the server sent nothing for " + idleTimeout.toMillis() + " ms");
    }
    if (item == END) {
      finished = true;
    } else if (item == ABORTED) {
      finished = true;
      throw new IOException("the stream was closed");
    } else if (item instanceof Throwable t) {
      finished = true;
      throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
    } else {
      batch = ((List<ByteBuffer>) item).iterator();
      subscription.request(1);
    }
  }

  /**
   * Ends the stream from any thread: a blocked read fails at once and the connection is dropped.
   */
  public void abort() {
    aborted = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(ABORTED);
  }

  @Override
  public void close() {
    abort();
  }
}
