package dev.spool.llm.internal;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns LangChain4j's callback streaming into a loop on the step's own thread: tokens are handed
 * over through a queue, so output events, heartbeats and cancellation all happen where the engine
 * expects them. The model runs on a virtual thread of its own, which is interrupted if the step
 * gives up.
 */
final class StreamBridge {
  private sealed interface Item {}

  private record Token(String text) implements Item {}

  private record Done(ChatResponse response) implements Item {}

  private record Failed(Throwable error) implements Item {}

  private StreamBridge() {}

  /**
   * Streams {@code request}, passing each token to {@code onToken} on the calling thread and
   * calling {@code idle} whenever {@code beatEvery} passes without one.
   *
   * @throws StreamTimeoutException if no token came for {@code silenceLimit}
   */
  static ChatResponse stream(
      StreamingChatModel model,
      ChatRequest request,
      Consumer<String> onToken,
      Runnable idle,
      Duration beatEvery,
      Duration silenceLimit) {
    BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    StreamingChatResponseHandler handler =
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            if (partial != null && !partial.isEmpty()) {
              queue.add(new Token(partial));
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            queue.add(new Done(response));
          }

          @Override
          public void onError(Throwable error) {
            queue.add(new Failed(error));
          }
        };
    Thread producer =
        Thread.ofVirtual()
            .name("spool-llm-stream")
            .start(
                () -> {
                  try {
                    model.chat(request, handler);
                  } catch (Throwable t) {
                    queue.add(new Failed(t));
                  }
                });
    boolean finished = false;
    try {
      long silentSince = System.nanoTime();
      while (true) {
        Item item = queue.poll(beatEvery.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
          idle.run();
          if (System.nanoTime() - silentSince > silenceLimit.toNanos()) {
            throw new StreamTimeoutException(silenceLimit);
          }
          continue;
        }
        silentSince = System.nanoTime();
        switch (item) {
          case Token t -> onToken.accept(t.text());
          case Done d -> {
            finished = true;
            return d.response();
          }
          case Failed f -> {
            finished = true;
            throw f.error() instanceof RuntimeException r
                ? r
                : new StreamFailedException(f.error());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while streaming from an LLM provider", e);
    } finally {
      if (!finished) {
        producer.interrupt();
      }
    }
  }

  /** The stream went silent for too long. */
  static final class StreamTimeoutException extends RuntimeException {
    StreamTimeoutException(Duration limit) {
      super("no token for " + limit.toMillis() + " ms");
    }
  }

  /** The model reported a checked error. */
  static final class StreamFailedException extends RuntimeException {
    StreamFailedException(Throwable cause) {
      super(cause.toString(), cause);
    }
  }
}
