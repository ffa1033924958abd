package dev.spool.client.internal;

import dev.spool.client.SpoolClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one HTTP client of a {@code SpoolClient}: builds requests against the base URI with the API
 * key, sends them, and turns every failure into a {@link SpoolClientException} with one clear line.
 */
public final class Transport implements AutoCloseable {
  private static final String USER_AGENT = "spool-client/0.1";

  private final String base;
  private final Optional<String> apiKey;
  private final Duration requestTimeout;
  private final HttpClient http;

  /**
   * @param baseUri for example {@code http://127.0.0.1:7070}, or with a path prefix when the API
   *     sits behind a proxy
   */
  public Transport(
      URI baseUri, Optional<String> apiKey, Duration connectTimeout, Duration requestTimeout) {
    String b = baseUri.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The base URI without a trailing slash, as messages name it. */
  public String base() {
    return base;
  }

  /** An absolute URI for a path the API gave or a client built, such as {@code /v1/runs/x}. */
  public URI resolve(String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    return URI.create(base + (path.startsWith("/") ? path : "/" + path));
  }

  /** A request for {@code path} carrying the API key; the answer must begin within the timeout. */
  public HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(path)).timeout(timeout).header("User-Agent", USER_AGENT);
    apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
    return b;
  }

  public Reply get(String path) {
    return get(path, requestTimeout);
  }

  public Reply get(String path, Duration timeout) {
    return send(request(path, timeout).header("Accept", "application/json").GET().build());
  }

  public Reply post(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder b =
        request(path, requestTimeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return send(b.build());
  }

  /**
   * Sends a request and reads the whole answer, whatever its status.
   *
   * @throws SpoolClientException when there is no answer
   */
  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(request, r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw Failures.unreachable(base, request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpoolClientException(
          "interrupted while waiting for " + Failures.describe(request), e);
    }
  }

  /** Sends a request without blocking; cancelling the future drops its connection. */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return http.sendAsync(request, handler);
  }

  /** Aborts whatever is still in flight and releases the client's threads and connections. */
  @Override
  public void close() {
    http.shutdownNow();
    http.close();
  }
}
