package dev.spool.examples.onboarding;

import java.util.List;

/**
 * What the crawl found, for the merge: the site and, in crawl order, every page's result.
 *
 * @param site the site's root URL
 * @param pages each page crawled, once
 */
public record Crawl(String site, List<Result> pages) {
  public Crawl {
    pages = List.copyOf(pages);
  }

  /**
   * One page: its URL, whether it could be read, and what was found on it.
   *
   * @param url the page
   * @param read whether it was read (its status was 2xx)
   * @param facts what the model found on it (nothing when unread)
   */
  public record Result(String url, boolean read, PageFacts facts) {}
}
