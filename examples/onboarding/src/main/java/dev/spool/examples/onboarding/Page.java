package dev.spool.examples.onboarding;

import java.util.List;

/**
 * A page of the site as the crawler fetched it.
 *
 * @param url its address
 * @param status the HTTP status
 * @param title its title
 * @param text its main content as text, one paragraph or list item a line
 * @param links the pages it links to, absolute, each once
 */
public record Page(String url, int status, String title, String text, List<String> links) {
  public Page {
    links = List.copyOf(links);
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
