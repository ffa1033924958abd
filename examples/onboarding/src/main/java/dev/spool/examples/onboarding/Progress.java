package dev.spool.examples.onboarding;

import java.util.Map;

/**
 * A progress event of the onboarding run: the phase ({@code crawl}, {@code enrich}, {@code merge},
 * {@code done}), a line for people, pages done of pages found so far, the page just enriched, and
 * the profile's fields as they stand.
 */
public record Progress(
    String phase,
    String message,
    Integer done,
    Integer of,
    String page,
    Map<String, Object> profile) {}
