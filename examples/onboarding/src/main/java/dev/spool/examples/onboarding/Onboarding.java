package dev.spool.examples.onboarding;

import dev.spool.Component;
import dev.spool.RetryPolicy;
import dev.spool.Workflow;
import dev.spool.examples.common.Html;
import dev.spool.examples.common.Web;
import dev.spool.examples.common.WebPage;
import dev.spool.llm.Llm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code onboarding}: enriches a new customer from its website. It crawls the site level by level;
 * for every page it fetches the page and asks the model for the facts it states (one call per page,
 * all of a level at once: hundreds of calls, paced under the provider's limits by the LLM layer);
 * as each page comes back it publishes the profile so far in a progress event; at the end it merges
 * every page's facts into one {@link Profile}, which it returns.
 *
 * <pre>{@code
 * Onboarding onboarding = new Onboarding(() -> llm, new HttpWeb(localWeb, 16));
 * spool.start("onboarding", "{\"site\":\"https://northwind-robotics.example/\"}");
 * }</pre>
 */
public final class Onboarding {
  public static final String NAME = "onboarding";

  private final Supplier<Llm> llm;
  private final Web web;

  /**
   * @param llm the model, asked for on first use
   * @param web what the crawler fetches pages with
   */
  public Onboarding(Supplier<Llm> llm, Web web) {
    this.llm = Objects.requireNonNull(llm, "llm");
    this.web = Objects.requireNonNull(web, "web");
  }

  /** Fetches one page: its status, title, main text and links. A 404 is a result, not a failure. */
  public Component<String, Page> fetch() {
    return Component.<String, Page>of(
            "fetch-page",
            Page.class,
            (ctx, url) -> {
              WebPage p = web.get(url);
              if (p.status() >= 500 || p.status() == 429) {
                throw new java.io.IOException("HTTP " + p.status() + " from " + url);
              }
              if (!p.ok()) {
                return new Page(url, p.status(), "", "", List.of());
              }
              return new Page(
                  url,
                  p.status(),
                  Html.title(p.html()).orElse(url),
                  Html.text(Html.main(p.html())),
                  Html.links(p.html(), url));
            })
        .retry(RetryPolicy.exponential(4, Duration.ofMillis(200)));
  }

  /** Asks the model for the facts one page states (one LLM call). */
  public Component<Page, PageFacts> extract() {
    return Component.<Page, PageFacts>of(
        "extract",
        PageFacts.class,
        (ctx, page) ->
            ctx.call(llm.get().structured("llm", PageFacts.class), Prompts.extract(page))
                .normalized());
  }

  /** Merges every page's facts into the profile. */
  public Component<Crawl, Profile> merge() {
    return Component.of(
        "merge-profile",
        Profile.class,
        (ctx, crawl) -> {
          ProfileBuilder b = new ProfileBuilder(crawl.site());
          for (Crawl.Result r : crawl.pages()) {
            if (r.read()) {
              b.add(r.url(), r.facts());
            } else {
              b.unreadable(r.url());
            }
          }
          return b.build();
        });
  }

  /** The workflow. */
  public Workflow<OnboardingRequest, Profile> workflow() {
    Component<String, Page> fetch = fetch();
    Component<Page, PageFacts> extract = extract();
    Component<Crawl, Profile> merge = merge();
    return Workflow.of(
            NAME,
            OnboardingRequest.class,
            Profile.class,
            (ctx, req) -> {
              String root = req.site();
              ctx.progress(new Progress("crawl", "crawling " + root, 0, 1, null, null));
              ProfileBuilder live = new ProfileBuilder(root);
              Set<String> seen = new HashSet<>(List.of(root));
              List<Crawl.Result> results = new ArrayList<>();
              List<String> level = List.of(root);
              int depth = 0;
              while (!level.isEmpty()) {
                int found = seen.size();
                ctx.progress(
                    new Progress(
                        "enrich",
                        "level " + depth + ": " + level.size() + " pages to read and enrich",
                        results.size(),
                        found,
                        null,
                        null));
                List<Enriched> done =
                    ctx.all(
                        level,
                        url -> {
                          Page page = ctx.call(fetch, url);
                          if (!page.ok()) {
                            live.unreadable(url);
                            return new Enriched(page, null);
                          }
                          PageFacts facts = ctx.call(extract, page);
                          live.add(
                              url,
                              facts,
                              (n, soFar) ->
                                  ctx.progress(
                                      new Progress(
                                          "enrich",
                                          facts.count() + " facts from " + url,
                                          n,
                                          found,
                                          url,
                                          soFar.fields())));
                          return new Enriched(page, facts);
                        });
                List<String> next = new ArrayList<>();
                for (Enriched e : done) {
                  results.add(
                      new Crawl.Result(
                          e.page().url(),
                          e.facts() != null,
                          e.facts() == null ? PageFacts.none("unread") : e.facts()));
                  for (String link : e.page().links()) {
                    String u = normalize(link);
                    if (sameSite(u, root) && seen.size() < req.pageLimit() && seen.add(u)) {
                      next.add(u);
                    }
                  }
                }
                level = next;
                depth++;
              }
              ctx.progress(
                  new Progress(
                      "merge",
                      "merging the facts of " + results.size() + " pages",
                      results.size(),
                      results.size(),
                      null,
                      null));
              Profile profile = ctx.call(merge, new Crawl(root, results));
              ctx.progress(
                  new Progress(
                      "done",
                      profile.pages().size()
                          + " pages enriched: "
                          + profile.people().size()
                          + " people, "
                          + profile.products().size()
                          + " products, "
                          + profile.customers().size()
                          + " customers",
                      results.size(),
                      results.size(),
                      null,
                      profile.fields()));
              return profile;
            })
        .description(
            "Crawls a company's website, extracts facts from every page with one LLM call each,"
                + " and merges them into a profile published as it grows.");
  }

  /** A crawled page and its facts (null when it could not be read). */
  private record Enriched(Page page, PageFacts facts) {}

  /** Same scheme and host as the site's root. */
  static boolean sameSite(String url, String root) {
    try {
      URI u = URI.create(url);
      URI r = URI.create(root);
      return u.getHost() != null
          && u.getHost().equalsIgnoreCase(r.getHost())
          && Objects.equals(u.getScheme(), r.getScheme());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A URL as the crawler keys it: lower-case host, no trailing slash but on the root. */
  static String normalize(String url) {
    try {
      URI u = URI.create(url);
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
      return u.getScheme() + "://" + host + port + path + query;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
