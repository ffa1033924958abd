package dev.spool.examples.onboarding;

import java.util.List;

/**
 * What a generated company site states, page by page: the truth an enrichment of it should find.
 */
public record CompanyFacts(
    String name,
    String tagline,
    int founded,
    String headquarters,
    int employees,
    String email,
    String phone,
    List<Person> people,
    List<Product> products,
    List<String> customers,
    List<String> offices,
    List<String> investors,
    List<String> technologies) {}
