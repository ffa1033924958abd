package dev.spool.examples.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * {@link Web} over HTTP: {@code .example} URLs go to the {@link LocalWeb} (started on first use),
 * any other {@code http(s)} URL to the real web. At most {@code maxInFlight} requests at a time, so
 * a crawl that fans out over a hundred pages does not open a hundred connections to one site.
 */
public final class HttpWeb implements Web {
  private static final String AGENT = "spool-examples/0.1 (+https://github.com/spool-dev/spool)";

  private final Supplier<LocalWeb> local;
  private final HttpClient client;
  private final Semaphore inFlight;

  public HttpWeb(Supplier<LocalWeb> local, int maxInFlight) {
    this.local = Objects.requireNonNull(local, "local");
    this.inFlight = new Semaphore(maxInFlight);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public WebPage get(String url) throws IOException, InterruptedException {
    URI asked = URI.create(url);
    if (!"http".equals(asked.getScheme()) && !"https".equals(asked.getScheme())) {
      throw new IllegalArgumentException("only http(s) URLs can be fetched, got " + url);
    }
    URI where = LocalWeb.isLocal(asked) ? local.get().locate(asked) : asked;
    HttpRequest request =
        HttpRequest.newBuilder(where)
            .timeout(Duration.ofSeconds(20))
            .header("User-Agent", AGENT)
            .header("Accept", "text/html")
            .GET()
            .build();
    inFlight.acquire();
    try {
      HttpResponse<String> r =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new WebPage(url, r.statusCode(), r.body());
    } finally {
      inFlight.release();
    }
  }
}
