package dev.spool.examples.common;

import java.util.Objects;

/**
 * A page as fetched.
 *
 * @param url the URL asked for (a {@code .example} URL stays one, wherever it was served from)
 * @param status the HTTP status
 * @param html the body
 */
public record WebPage(String url, int status, String html) {
  public WebPage {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(html, "html");
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
