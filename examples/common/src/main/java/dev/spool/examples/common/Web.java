package dev.spool.examples.common;

import java.io.IOException;

/**
 * Fetches pages: the examples' tool for reading the web. {@link HttpWeb} does it over HTTP; a unit
 * test passes pages from memory ({@code url -> new WebPage(url, 200, html)}).
 */
@FunctionalInterface
public interface Web {
  /**
   * The page at {@code url}, whatever its status.
   *
   * @throws IOException when there was no answer (connection refused, timeout)
   */
  WebPage get(String url) throws IOException, InterruptedException;
}
