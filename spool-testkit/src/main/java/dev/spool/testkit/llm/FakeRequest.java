package dev.spool.testkit.llm;

import java.util.List;
import java.util.OptionalInt;

/**
 * A chat completion request as the fake received it, for scripted replies ({@link
 * FakeLlmServer.Builder#respond}).
 *
 * @param number the request's number on this server, from 1, counting every request received
 * @param model the model the client asked for
 * @param messages the conversation, in order
 * @param stream whether the client asked for server-sent events
 * @param json whether the client asked for a JSON object ({@code response_format})
 * @param maxTokens the client's limit on the reply, if it set one
 */
public record FakeRequest(
    long number,
    String model,
    List<Message> messages,
    boolean stream,
    boolean json,
    OptionalInt maxTokens) {

  /** One message of the conversation, as sent. */
  public record Message(String role, String content) {}

  public FakeRequest {
    messages = List.copyOf(messages);
  }

  /** The content of the last user message, or empty. */
  public String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /** Every message's content, joined by newlines: what the deterministic reply derives from. */
  public String promptText() {
    StringBuilder sb = new StringBuilder();
    for (Message m : messages) {
      sb.append(m.role()).append(": ").append(m.content()).append('\n');
    }
    return sb.toString();
  }
}
