package dev.spool.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/** A chat model for unit tests: answers or fails as scripted, and remembers what it was asked. */
final class ScriptedModel implements ChatModel {
  private final Queue<Supplier<ChatResponse>> script = new ConcurrentLinkedQueue<>();
  final List<ChatRequest> requests = new ArrayList<>();
  private final String fallbackText;

  ScriptedModel(String fallbackText) {
    this.fallbackText = fallbackText;
  }

  static ChatResponse text(String t) {
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(t))
        .tokenUsage(new TokenUsage(7, 3))
        .finishReason(FinishReason.STOP)
        .modelName("scripted-1")
        .build();
  }

  ScriptedModel thenFail(int times, Supplier<RuntimeException> error) {
    for (int i = 0; i < times; i++) {
      script.add(
          () -> {
            throw error.get();
          });
    }
    return this;
  }

  ScriptedModel thenAnswer(String t) {
    script.add(() -> text(t));
    return this;
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    Supplier<ChatResponse> next = script.poll();
    return next == null ? text(fallbackText) : next.get();
  }
}
