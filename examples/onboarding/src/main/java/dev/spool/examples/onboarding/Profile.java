package dev.spool.examples.onboarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The company as its site describes it, merged from every page: single facts settled by agreement
 * between pages, lists united without duplicates, each page it came from listed once.
 *
 * @param site the site's root URL
 * @param company {@code name}, {@code tagline}, {@code founded}, {@code headquarters}, {@code
 *     employees}, {@code email}, {@code phone}, as far as the site states them
 * @param pages every page enriched, once each, in crawl order
 * @param unreadable pages that were linked but could not be read (their status said so)
 */
public record Profile(
    String site,
    Map<String, String> company,
    List<Person> people,
    List<Product> products,
    List<String> customers,
    List<String> offices,
    List<String> investors,
    List<String> technologies,
    List<EnrichedPage> pages,
    List<String> unreadable) {

  /** The enriched fields alone, for a progress event: no page list. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>(company);
    m.put("people", people.stream().map(p -> p.name() + " (" + p.title() + ")").toList());
    m.put("products", products.stream().map(Product::name).toList());
    m.put("customers", customers);
    m.put("offices", offices);
    m.put("investors", investors);
    m.put("technologies", technologies);
    return m;
  }
}
