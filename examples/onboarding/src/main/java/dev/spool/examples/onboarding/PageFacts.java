package dev.spool.examples.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model found on one page: what kind of page it is, the company's own facts ({@code name},
 * {@code tagline}, {@code founded}, {@code headquarters}, {@code employees}, {@code email}, {@code
 * phone}), and the lists it adds to.
 */
public record PageFacts(
    String pageType,
    Map<String, String> company,
    List<Person> people,
    List<Product> products,
    List<String> customers,
    List<String> offices,
    List<String> investors,
    List<String> technologies) {

  /** The company keys a profile keeps, in the order it shows them. */
  public static final List<String> COMPANY_KEYS =
      List.of("name", "tagline", "founded", "headquarters", "employees", "email", "phone");

  public static PageFacts none(String pageType) {
    return new PageFacts(
        pageType, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The same facts without nulls, blanks or keys a profile does not keep. */
  public PageFacts normalized() {
    Map<String, String> c = new LinkedHashMap<>();
    if (company != null) {
      for (String k : COMPANY_KEYS) {
        String v = company.get(k);
        if (v != null && !v.isBlank()) {
          c.put(k, v.strip());
        }
      }
    }
    List<Person> ps = new ArrayList<>();
    if (people != null) {
      for (Person p : people) {
        if (p != null && p.name() != null && !p.name().isBlank()) {
          ps.add(new Person(p.name().strip(), p.title() == null ? "" : p.title().strip()));
        }
      }
    }
    List<Product> pr = new ArrayList<>();
    if (products != null) {
      for (Product p : products) {
        if (p != null && p.name() != null && !p.name().isBlank()) {
          pr.add(
              new Product(
                  p.name().strip(),
                  p.summary() == null ? "" : p.summary().strip(),
                  p.price() == null ? "" : p.price().strip()));
        }
      }
    }
    return new PageFacts(
        pageType == null || pageType.isBlank() ? "other" : pageType.strip(),
        c,
        ps,
        pr,
        clean(customers),
        clean(offices),
        clean(investors),
        clean(technologies));
  }

  /** How many facts the page gave. */
  public int count() {
    return company.size()
        + people.size()
        + products.size()
        + customers.size()
        + offices.size()
        + investors.size()
        + technologies.size();
  }

  private static List<String> clean(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.strip());
        }
      }
    }
    return out;
  }
}
