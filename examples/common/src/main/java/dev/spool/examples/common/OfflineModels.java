package dev.spool.examples.common;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.spool.llm.LlmProvider;
import dev.spool.testkit.llm.FakeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An {@link OfflineModel} as a provider: over HTTP through the fake server, or in-process. */
public final class OfflineModels {
  private OfflineModels() {}

  /** The fake server's responder: the model's reply to each request it serves. */
  public static Function<FakeRequest, String> responder(OfflineModel model) {
    return req -> {
      StringBuilder system = new StringBuilder();
      for (FakeRequest.Message m : req.messages()) {
        if (m.role().equals("system")) {
          system.append(m.content());
        }
      }
      return model.reply(system.toString(), req.lastUserMessage());
    };
  }

  /**
   * A provider that answers in this process, without HTTP: for unit tests of components that call
   * the model. Streamed replies come a word at a time.
   */
  public static LlmProvider inProcess(String name, OfflineModel model) {
    return LlmProvider.of(name, "offline", new Chat(model), new Streaming(model));
  }

  private static ChatResponse reply(OfflineModel model, ChatRequest request) {
    String system = "";
    String user = "";
    for (ChatMessage m : request.messages()) {
      if (m instanceof SystemMessage s) {
        system = s.text();
      } else if (m instanceof UserMessage u) {
        user = u.singleText();
      }
    }
    String text = model.reply(system, user);
    int prompt = (system.length() + user.length()) / 4 + 1;
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(text))
        .tokenUsage(new TokenUsage(prompt, words(text).size()))
        .finishReason(FinishReason.STOP)
        .modelName("offline")
        .build();
  }

  /** Words with their trailing whitespace, the way the fake server streams them. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length()
          || (Character.isWhitespace(text.charAt(i - 1))
              && !Character.isWhitespace(text.charAt(i)))) {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    return out;
  }

  private record Chat(OfflineModel model) implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return reply(model, request);
    }
  }

  private record Streaming(OfflineModel model) implements StreamingChatModel {
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      ChatResponse r;
      try {
        r = reply(model, request);
      } catch (RuntimeException e) {
        handler.onError(e);
        return;
      }
      for (String w : words(r.aiMessage().text())) {
        handler.onPartialResponse(w);
      }
      handler.onCompleteResponse(r);
    }
  }
}
