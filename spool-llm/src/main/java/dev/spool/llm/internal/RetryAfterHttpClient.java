package dev.spool.llm.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.spool.llm.ProviderHttpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * LangChain4j's HTTP client contract on the JDK's client, throwing {@link ProviderHttpException}
 * for error statuses so that the provider's {@code Retry-After} reaches the layer (LangChain4j's
 * own client keeps only the status and body). A stream is read on the calling thread.
 */
final class RetryAfterHttpClient implements HttpClient {
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final java.net.http.HttpClient jdk;
  private final Duration readTimeout;

  private RetryAfterHttpClient(Builder b) {
    this.jdk =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout == null ? Duration.ofSeconds(10) : b.connectTimeout)
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    this.readTimeout = b.readTimeout == null ? Duration.ofSeconds(120) : b.readTimeout;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    HttpResponse<String> r = send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw error(r.statusCode(), r.body(), r.headers());
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(r.statusCode())
        .headers(r.headers().map())
        .body(r.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    try {
      HttpResponse<InputStream> r = send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        if (r.statusCode() / 100 != 2) {
          String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
          listener.onError(error(r.statusCode(), text, r.headers()));
          return;
        }
        listener.onOpen(
            SuccessfulHttpResponse.builder()
                .statusCode(r.statusCode())
                .headers(r.headers().map())
                .build());
        parser.parse(body, listener);
        listener.onClose();
      }
    } catch (IOException e) {
      listener.onError(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      listener.onError(e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      if (RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    String body = request.body();
    b.method(
        request.method().name(),
        body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    try {
      return jdk.send(b.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
    }
  }

  private static ProviderHttpException error(int status, String body, HttpHeaders headers) {
    return new ProviderHttpException(status, body, retryAfter(headers));
  }

  /** {@code retry-after-ms} (OpenAI's), else {@code Retry-After} in seconds; dates are ignored. */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<Duration> ms =
        headers.firstValue("retry-after-ms").flatMap(v -> parse(v, 1)).map(Duration::ofMillis);
    if (ms.isPresent()) {
      return ms;
    }
    return headers.firstValue("retry-after").flatMap(v -> parse(v, 1000)).map(Duration::ofMillis);
  }

  private static Optional<Long> parse(String v, long millisPerUnit) {
    try {
      double d = Double.parseDouble(v.trim());
      return d < 0 ? Optional.empty() : Optional.of((long) Math.ceil(d * millisPerUnit));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The builder LangChain4j's OpenAI models configure and build. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration d) {
      this.readTimeout = d;
      return this;
    }

    @Override
    public HttpClient build() {
      return new RetryAfterHttpClient(this);
    }
  }
}
