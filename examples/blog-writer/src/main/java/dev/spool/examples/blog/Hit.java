package dev.spool.examples.blog;

/**
 * A search result.
 *
 * @param url where the article is
 * @param title its title
 * @param score its BM25 score for the query
 * @param snippet its sentence that best matches the query
 */
public record Hit(String url, String title, double score, String snippet) {}
