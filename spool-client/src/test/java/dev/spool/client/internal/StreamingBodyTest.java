package dev.spool.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamingBodyTest {
  /** Records what the body asks of its publisher. */
  static final class FakeSubscription implements Flow.Subscription {
    final AtomicInteger requested = new AtomicInteger();
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void request(long n) {
      requested.addAndGet((int) n);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  private static List<ByteBuffer> chunk(String s) {
    return List.of(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsBatchesInOrderAndAsksForOneMoreAtATime() throws IOException {
    AtomicInteger bytesSeen = new AtomicInteger();
    StreamingBody body = new StreamingBody(Duration.ofSeconds(5), bytesSeen::incrementAndGet);
    FakeSubscription sub = new FakeSubscription();
    body.onSubscribe(sub);
    body.onNext(chunk("ab"));
    body.onNext(List.of(ByteBuffer.wrap(new byte[] {'c'}), ByteBuffer.wrap(new byte[] {'d'})));
    body.onComplete();

    assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abcd");
    assertThat(sub.requested.get()).isEqualTo(3);
    assertThat(bytesSeen.get()).isEqualTo(2);
    assertThat(body.read()).isEqualTo(-1);
  }

  @Test
  void aSilentStreamFailsAfterTheIdleTimeoutAndDropsTheConnection() {
    StreamingBody body = new StreamingBody(Duration.ofMillis(50), () -> {});
    FakeSubscription sub = new FakeSubscription();
    body.onSubscribe(sub);

    assertThatThrownBy(body::read)
        .isInstanceOf(StreamingBody.IdleException.class)
        .hasMessageContaining("50 ms");
    assertThat(sub.cancelled).isTrue();
  }

  @Test
  void abortFromAnotherThreadEndsABlockedReadAtOnce() throws Exception {
    StreamingBody body = new StreamingBody(Duration.ofMinutes(5), () -> {});
    FakeSubscription sub = new FakeSubscription();
    body.onSubscribe(sub);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    body.read();
                    failure.complete(null);
                  } catch (IOException e) {
                    failure.complete(e);
                  }
                });
    Thread.sleep(50);
    body.abort();

    assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    assertThat(sub.cancelled).isTrue();
    reader.join();
  }

  @Test
  void anInterruptEndsABlockedReadAndKeepsTheFlag() throws Exception {
    StreamingBody body = new StreamingBody(Duration.ofMinutes(5), () -> {});
    body.onSubscribe(new FakeSubscription());
    CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    body.read();
                  } catch (InterruptedIOException e) {
                    flagKept.complete(Thread.currentThread().isInterrupted());
                  } catch (IOException e) {
                    flagKept.completeExceptionally(e);
                  }
                });
    Thread.sleep(50);
    reader.interrupt();

    assertThat(flagKept.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aConnectionErrorSurfacesAsIoException() {
    StreamingBody body = new StreamingBody(Duration.ofSeconds(5), () -> {});
    body.onSubscribe(new FakeSubscription());
    body.onError(new IOException("connection reset"));

    assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessage("connection reset");
  }
}
