package dev.spool.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask a model: an optional system message, the conversation, and optional limits. It is the
 * LLM step's input, so it is in the trace ({@code step.started}).
 *
 * <pre>{@code
 * Prompt p = Prompt.of("Outline a post about durable agents").withSystem("Be brief.").withMaxTokens(300);
 * }</pre>
 *
 * @param system the system message, if any
 * @param messages the conversation, oldest first; the last is usually the user's
 * @param maxTokens the most tokens the reply may have, if limited
 * @param temperature sampling temperature, if set
 */
public record Prompt(
    Optional<String> system,
    List<Message> messages,
    Optional<Integer> maxTokens,
    Optional<Double> temperature) {

  /** Who said a message. */
  public enum Role {
    USER,
    ASSISTANT
  }

  /** One message of the conversation. */
  public record Message(Role role, String text) {
    public Message {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(text, "text");
    }
  }

  public Prompt {
    Objects.requireNonNull(system, "system");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs at least one message");
    }
    Objects.requireNonNull(maxTokens, "maxTokens");
    Objects.requireNonNull(temperature, "temperature");
    if (maxTokens.isPresent() && maxTokens.get() < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens.get());
    }
  }

  /** A prompt of one user message. */
  public static Prompt of(String user) {
    return new Prompt(
        Optional.empty(),
        List.of(new Message(Role.USER, user)),
        Optional.empty(),
        Optional.empty());
  }

  public Prompt withSystem(String text) {
    return new Prompt(Optional.of(text), messages, maxTokens, temperature);
  }

  public Prompt withMaxTokens(int n) {
    return new Prompt(system, messages, Optional.of(n), temperature);
  }

  public Prompt withTemperature(double t) {
    return new Prompt(system, messages, maxTokens, Optional.of(t));
  }

  /** The conversation continued: the model's {@code reply}, then the user's {@code next}. */
  public Prompt followUp(String reply, String next) {
    List<Message> more = new ArrayList<>(messages);
    more.add(new Message(Role.ASSISTANT, reply));
    more.add(new Message(Role.USER, next));
    return new Prompt(system, more, maxTokens, temperature);
  }

  /** Every message's text, with the system message: what token estimates count. */
  public int characters() {
    int n = system.map(String::length).orElse(0);
    for (Message m : messages) {
      n += m.text().length();
    }
    return n;
  }
}
