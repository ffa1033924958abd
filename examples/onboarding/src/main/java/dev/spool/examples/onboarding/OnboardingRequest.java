package dev.spool.examples.onboarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Locale;

/**
 * Which company to enrich.
 *
 * @param site the company's website, for example {@code https://northwind-robotics.example/} (any
 *     {@code .example} host is a company site the example makes up and serves on loopback)
 * @param maxPages the most pages to crawl, 1 to 2000 (default 500)
 */
public record OnboardingRequest(@JsonProperty(required = true) String site, Integer maxPages) {
  public static final int DEFAULT_MAX_PAGES = 500;

  public OnboardingRequest {
    if (site == null || site.isBlank()) {
      throw new IllegalArgumentException("site must not be blank");
    }
    String s = site.strip();
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    URI u;
    try {
      u = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("site is not a URL: " + site);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException("site must be an http(s) URL with a host, got " + site);
    }
    site = scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + "/";
    if (maxPages != null && (maxPages < 1 || maxPages > 2000)) {
      throw new IllegalArgumentException("maxPages must be within 1..2000, got " + maxPages);
    }
  }

  public static OnboardingRequest of(String site) {
    return new OnboardingRequest(site, null);
  }

  int pageLimit() {
    return maxPages == null ? DEFAULT_MAX_PAGES : maxPages;
  }

  String host() {
    return URI.create(site).getHost();
  }
}
