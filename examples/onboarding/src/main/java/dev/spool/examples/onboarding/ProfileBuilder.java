package dev.spool.examples.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Merges page facts into a {@link Profile}: a single fact takes the value most pages state (the
 * first stated among equals), a list keeps each item once (first spelling wins, later pages fill in
 * what earlier ones left blank), and every page is listed once. Safe to feed from many threads; fed
 * in crawl order, it always builds the same profile.
 */
final class ProfileBuilder {
  private final ReentrantLock lock = new ReentrantLock();
  private final String site;
  private final Map<String, Map<String, Integer>> votes = new LinkedHashMap<>();
  private final Map<String, Person> people = new LinkedHashMap<>();
  private final Map<String, Product> products = new LinkedHashMap<>();
  private final Map<String, String> customers = new LinkedHashMap<>();
  private final Map<String, String> offices = new LinkedHashMap<>();
  private final Map<String, String> investors = new LinkedHashMap<>();
  private final Map<String, String> technologies = new LinkedHashMap<>();
  private final Map<String, EnrichedPage> pages = new LinkedHashMap<>();
  private final List<String> unreadable = new ArrayList<>();

  ProfileBuilder(String site) {
    this.site = site;
  }

  /**
   * Adds one page's facts.
   *
   * @return how many pages are in so far
   * @throws IllegalArgumentException if that page is in already
   */
  int add(String url, PageFacts facts) {
    return add(url, facts, (n, p) -> {});
  }

  /**
   * Adds one page's facts, then tells {@code then} how many pages are in and the profile so far,
   * before any other page is added: what {@code then} publishes comes out in the order pages came
   * in.
   */
  int add(String url, PageFacts facts, BiConsumer<Integer, Profile> then) {
    PageFacts f = facts.normalized();
    lock.lock();
    try {
      int n = addLocked(url, f);
      then.accept(n, build());
      return n;
    } finally {
      lock.unlock();
    }
  }

  private int addLocked(String url, PageFacts f) {
    if (pages.containsKey(url)) {
      throw new IllegalArgumentException("page " + url + " was enriched twice");
    }
    pages.put(url, new EnrichedPage(url, f.pageType(), f.count()));
    f.company()
        .forEach(
            (k, v) ->
                votes.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(v, 1, Integer::sum));
    for (Person p : f.people()) {
      people.merge(
          key(p.name()), p, (a, b) -> a.title().isEmpty() ? new Person(a.name(), b.title()) : a);
    }
    for (Product p : f.products()) {
      products.merge(
          key(p.name()),
          p,
          (a, b) ->
              new Product(
                  a.name(),
                  a.summary().isEmpty() ? b.summary() : a.summary(),
                  a.price().isEmpty() ? b.price() : a.price()));
    }
    f.customers().forEach(c -> customers.putIfAbsent(key(c), c));
    f.offices().forEach(o -> offices.putIfAbsent(key(o), o));
    f.investors().forEach(i -> investors.putIfAbsent(key(i), i));
    f.technologies().forEach(t -> technologies.putIfAbsent(key(t), t));
    return pages.size();
  }

  /** A page that was linked but could not be read. */
  void unreadable(String url) {
    lock.lock();
    try {
      unreadable.add(url);
    } finally {
      lock.unlock();
    }
  }

  Profile build() {
    lock.lock();
    try {
      Map<String, String> company = new LinkedHashMap<>();
      for (String k : PageFacts.COMPANY_KEYS) {
        Map<String, Integer> v = votes.get(k);
        if (v != null) {
          String best = null;
          int most = 0;
          for (Map.Entry<String, Integer> e : v.entrySet()) {
            if (e.getValue() > most) {
              best = e.getKey();
              most = e.getValue();
            }
          }
          company.put(k, best);
        }
      }
      return new Profile(
          site,
          company,
          List.copyOf(people.values()),
          List.copyOf(products.values()),
          List.copyOf(customers.values()),
          List.copyOf(offices.values()),
          List.copyOf(investors.values()),
          List.copyOf(technologies.values()),
          List.copyOf(pages.values()),
          List.copyOf(unreadable));
    } finally {
      lock.unlock();
    }
  }

  /** Case and spacing do not make two items different. */
  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("[.,;]+$", "").strip();
  }
}
