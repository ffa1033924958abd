package dev.spool.llm.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.spool.llm.OpenAiEndpoint;

/** LangChain4j's OpenAI models for an endpoint, on an HTTP client that keeps Retry-After. */
public final class OpenAiModels {
  private OpenAiModels() {}

  public static ChatModel chat(OpenAiEndpoint e) {
    return OpenAiChatModel.builder()
        .httpClientBuilder(new RetryAfterHttpClient.Builder())
        .baseUrl(e.baseUrl())
        .apiKey(e.apiKey())
        .modelName(e.model())
        .timeout(e.timeout())
        .maxRetries(0) // the layer retries, fails over and honours Retry-After itself
        .build();
  }

  public static StreamingChatModel streaming(OpenAiEndpoint e) {
    return OpenAiStreamingChatModel.builder()
        .httpClientBuilder(new RetryAfterHttpClient.Builder())
        .baseUrl(e.baseUrl())
        .apiKey(e.apiKey())
        .modelName(e.model())
        .timeout(e.timeout())
        .build();
  }
}
