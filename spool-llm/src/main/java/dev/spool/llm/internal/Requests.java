package dev.spool.llm.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.spool.llm.Prompt;
import java.util.ArrayList;
import java.util.List;

/** A {@link Prompt} as LangChain4j's request. */
final class Requests {
  private Requests() {}

  static ChatRequest of(Prompt p, boolean json) {
    List<ChatMessage> messages = new ArrayList<>();
    p.system().ifPresent(s -> messages.add(SystemMessage.from(s)));
    for (Prompt.Message m : p.messages()) {
      messages.add(
          m.role() == Prompt.Role.USER ? UserMessage.from(m.text()) : AiMessage.from(m.text()));
    }
    ChatRequest.Builder b = ChatRequest.builder().messages(messages);
    p.maxTokens().ifPresent(b::maxOutputTokens);
    p.temperature().ifPresent(b::temperature);
    if (json) {
      b.responseFormat(ResponseFormat.JSON);
    }
    return b.build();
  }

  /** A rough count for tokens-per-minute limits: about four characters to a token. */
  static long estimateTokens(Prompt p, int outputEstimate) {
    return p.characters() / 4 + 1 + p.maxTokens().orElse(outputEstimate);
  }
}
