package dev.spool.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.spool.llm.internal.OpenAiModels;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One place to send chat requests: a name (used in events and limit keys), the model, LangChain4j's
 * chat model (and its streaming twin, for streamed steps), and the provider's limits. Any
 * LangChain4j provider works through {@link #of}; OpenAI-compatible endpoints need no code ({@link
 * #openAi}, {@link LlmConfig#fromEnvironment()}).
 *
 * <p>For {@code Retry-After} to be honoured, the model's errors must carry it: the
 * OpenAI-compatible models made here do; another adapter can throw (or wrap) {@link
 * ProviderHttpException}.
 */
public final class LlmProvider {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

  private final String name;
  private final String model;
  private final ChatModel chat;
  private final Optional<StreamingChatModel> streaming;
  private final ProviderLimits limits;

  private LlmProvider(
      String name,
      String model,
      ChatModel chat,
      Optional<StreamingChatModel> streaming,
      ProviderLimits limits) {
    if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
      throw new IllegalArgumentException(
          "bad provider name '" + name + "': use lower-case letters, digits, '_', '.' or '-'");
    }
    this.name = name;
    this.model = Objects.requireNonNull(model, "model");
    this.chat = Objects.requireNonNull(chat, "chat");
    this.streaming = Objects.requireNonNull(streaming, "streaming");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Any LangChain4j chat model, and the streaming model streamed steps use. */
  public static LlmProvider of(
      String name, String model, ChatModel chat, StreamingChatModel streaming) {
    return new LlmProvider(name, model, chat, Optional.of(streaming), ProviderLimits.none());
  }

  /** A provider without streaming: a streamed step sends its whole reply as one chunk. */
  public static LlmProvider of(String name, String model, ChatModel chat) {
    return new LlmProvider(name, model, chat, Optional.empty(), ProviderLimits.none());
  }

  /** An OpenAI-compatible endpoint (OpenAI, Azure's v1 API, vLLM, Ollama, LiteLLM, the fake). */
  public static LlmProvider openAi(OpenAiEndpoint endpoint) {
    return new LlmProvider(
        endpoint.name(),
        endpoint.model(),
        OpenAiModels.chat(endpoint),
        Optional.of(OpenAiModels.streaming(endpoint)),
        ProviderLimits.none());
  }

  public LlmProvider limits(ProviderLimits l) {
    return new LlmProvider(name, model, chat, streaming, l);
  }

  public String name() {
    return name;
  }

  public String model() {
    return model;
  }

  public ChatModel chatModel() {
    return chat;
  }

  public Optional<StreamingChatModel> streamingModel() {
    return streaming;
  }

  public ProviderLimits limits() {
    return limits;
  }

  @Override
  public String toString() {
    return "LlmProvider[" + name + ", " + model + "]";
  }
}
