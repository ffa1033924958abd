package dev.spool.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An OpenAI-compatible chat completions endpoint.
 *
 * @param name the provider's name in events and limit keys, for example {@code openai}
 * @param baseUrl the API's base URL, for example {@code https://api.openai.com/v1}
 * @param apiKey the key sent as {@code Authorization: Bearer …}
 * @param model the model to ask, for example {@code gpt-4o-mini}
 * @param timeout how long one request may take (for a stream: the whole stream)
 */
public record OpenAiEndpoint(
    String name, String baseUrl, String apiKey, String model, Duration timeout) {
  public OpenAiEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeout, "timeout");
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("base URL must be http(s)://…, got " + baseUrl);
    }
    if (!timeout.isPositive()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** An endpoint with a 120 second request timeout. */
  public static OpenAiEndpoint of(String name, String baseUrl, String apiKey, String model) {
    return new OpenAiEndpoint(name, baseUrl, apiKey, model, Duration.ofSeconds(120));
  }

  public OpenAiEndpoint withTimeout(Duration t) {
    return new OpenAiEndpoint(name, baseUrl, apiKey, model, t);
  }

  @Override
  public String toString() {
    return "OpenAiEndpoint[" + name + ", " + baseUrl + ", " + model + "]"; // never the key
  }
}
