package dev.spool.examples.onboarding;

/**
 * A page that went into the profile: where, what kind of page, how many facts it gave.
 *
 * @param url the page
 * @param type the kind of page, as the model said ({@code person}, {@code product}, …)
 * @param facts how many facts it gave
 */
public record EnrichedPage(String url, String type, int facts) {}
