package dev.spool.examples.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web on loopback: the examples' sites live under the reserved {@code .example} domain (RFC
 * 2606), for example {@code https://library.example/checkpoints}, and this server serves them over
 * real HTTP at {@code http://127.0.0.1:PORT/library.example/checkpoints}. Runs keep the {@code
 * .example} URLs, so a run resumed by another process (with its own server on another port) fetches
 * the same pages.
 *
 * <pre>{@code
 * try (LocalWeb web = LocalWeb.start((host, path) -> Optional.of("<h1>" + host + path + "</h1>"))) {
 *   URI where = web.locate(URI.create("https://acme.example/about"));
 * }
 * }</pre>
 *
 * <p>Its threads are daemons: a server nobody closed does not keep the process alive.
 */
public final class LocalWeb implements AutoCloseable {
  /** The domain whose sites this web serves. */
  public static final String DOMAIN = ".example";

  /** The pages of the {@code .example} sites: HTML for a host and path, or empty for a 404. */
  @FunctionalInterface
  public interface Sites {
    Optional<String> page(String host, String path);
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private LocalWeb(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code sites} on a free loopback port. */
  public static LocalWeb start(Sites sites) {
    Objects.requireNonNull(sites, "sites");
    return Daemons.start(
        "local-web-start",
        () -> {
          try {
            return create(sites);
          } catch (IOException e) {
            throw new UncheckedIOException("local web did not start: " + e.getMessage(), e);
          }
        });
  }

  private static LocalWeb create(Sites sites) throws IOException {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(executor);
    server.createContext("/", ex -> serve(sites, ex));
    server.start();
    return new LocalWeb(server, executor);
  }

  private static void serve(Sites sites, HttpExchange ex) throws IOException {
    try (ex) {
      // /library.example/checkpoints -> host library.example, path /checkpoints
      String raw = ex.getRequestURI().getPath();
      int slash = raw.indexOf('/', 1);
      String host =
          (slash < 0 ? raw.substring(1) : raw.substring(1, slash)).toLowerCase(Locale.ROOT);
      String path = slash < 0 ? "/" : raw.substring(slash);
      Optional<String> page =
          ex.getRequestMethod().equals("GET") && isLocalHost(host)
              ? sites.page(host, path)
              : Optional.empty();
      byte[] body =
          page.orElse("<html><body><h1>Not found</h1></body></html>")
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(page.isPresent() ? 200 : 404, body.length);
      ex.getResponseBody().write(body);
    }
  }

  /** Whether {@code url} names a page of a {@code .example} site. */
  public static boolean isLocal(URI url) {
    return url.getHost() != null && isLocalHost(url.getHost().toLowerCase(Locale.ROOT));
  }

  private static boolean isLocalHost(String host) {
    return host.endsWith(DOMAIN) && host.length() > DOMAIN.length();
  }

  /** Where this server serves the {@code .example} page {@code url}. */
  public URI locate(URI url) {
    if (!isLocal(url)) {
      throw new IllegalArgumentException("not a " + DOMAIN + " URL: " + url);
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return baseUri().resolve("/" + url.getHost().toLowerCase(Locale.ROOT) + path);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
