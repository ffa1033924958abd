package dev.spool.examples.onboarding;

import dev.spool.examples.common.LocalWeb;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Company websites made up on demand: any host under {@code .example} is a company (its name from
 * the host, {@code northwind-robotics.example} is Northwind Robotics) with a site of 100 to 140
 * pages: home, about, team and a page per person, products, customer stories, offices, blog, press,
 * careers and contact. The same host always gets the same site, in every process.
 */
public final class CompanySite implements LocalWeb.Sites {
  private final Map<String, Generated> sites = new ConcurrentHashMap<>();

  /** A site: its pages (path to HTML) and the facts they state. */
  public record Generated(String host, SortedMap<String, String> pages, CompanyFacts facts) {
    /** Every page's URL, {@code https://host/path}. */
    public List<String> urls() {
      return pages.keySet().stream().map(p -> "https://" + host + p).toList();
    }
  }

  @Override
  public Optional<String> page(String host, String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return Optional.ofNullable(site(host).pages().get(p));
  }

  /** The site of {@code host}. */
  public Generated site(String host) {
    return sites.computeIfAbsent(host.toLowerCase(Locale.ROOT), CompanySite::generate);
  }

  static Generated generate(String host) {
    Company company = Company.draw(host);
    return new Generated(host, CompanyPages.of(company), company.facts());
  }

  /** The company's name from its host: {@code northwind-robotics.example} → Northwind Robotics. */
  static String nameOf(String host) {
    String label = host.toLowerCase(Locale.ROOT).split("\\.")[0];
    StringBuilder sb = new StringBuilder();
    for (String w : label.split("[-_]+")) {
      if (!w.isEmpty()) {
        sb.append(sb.isEmpty() ? "" : " ")
            .append(Character.toUpperCase(w.charAt(0)))
            .append(w.substring(1));
      }
    }
    return sb.isEmpty() ? "Example" : sb.toString();
  }

  static String slugOf(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
