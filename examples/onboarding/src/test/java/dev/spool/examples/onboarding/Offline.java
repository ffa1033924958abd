package dev.spool.examples.onboarding;

import dev.spool.examples.common.Lazy;
import dev.spool.examples.common.OfflineModels;
import dev.spool.examples.common.Web;
import dev.spool.examples.common.WebPage;
import dev.spool.llm.Llm;
import java.net.URI;

/** The onboarding's parts for unit tests: the offline model in-process, sites from memory. */
final class Offline {
  static final CompanySite SITES = new CompanySite();

  private Offline() {}

  static Llm llm() {
    return Llm.builder()
        .provider(OfflineModels.inProcess("offline", new OfflineExtractor()))
        .build();
  }

  /** The generated sites' pages, read from memory instead of over HTTP. */
  static Web web() {
    return url -> {
      URI u = URI.create(url);
      return SITES
          .page(u.getHost(), u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath())
          .map(html -> new WebPage(url, 200, html))
          .orElseGet(() -> new WebPage(url, 404, "not found"));
    };
  }

  static Onboarding onboarding() {
    return new Onboarding(Lazy.value(llm()), web());
  }
}
