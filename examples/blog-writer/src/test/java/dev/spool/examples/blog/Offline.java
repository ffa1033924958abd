package dev.spool.examples.blog;

import dev.spool.examples.common.Lazy;
import dev.spool.examples.common.OfflineModels;
import dev.spool.examples.common.Web;
import dev.spool.examples.common.WebPage;
import dev.spool.llm.Llm;
import java.net.URI;

/**
 * The blog writer's parts for unit tests: the offline model in-process, the library from memory.
 */
final class Offline {
  static final Library LIBRARY = Library.load();

  private Offline() {}

  static Llm llm() {
    return Llm.builder().provider(OfflineModels.inProcess("offline", new OfflineWriter())).build();
  }

  /** The library's pages, read from memory instead of over HTTP. */
  static Web web() {
    return url -> {
      URI u = URI.create(url);
      return LIBRARY
          .page(u.getHost(), u.getPath().isEmpty() ? "/" : u.getPath())
          .map(html -> new WebPage(url, 200, html))
          .orElseGet(() -> new WebPage(url, 404, "not found"));
    };
  }

  static BlogWriter writer() {
    return new BlogWriter(Lazy.value(llm()), LIBRARY, web());
  }

  static BlogWriter writer(Web web) {
    return new BlogWriter(Lazy.value(llm()), LIBRARY, web);
  }
}
