package dev.spool.examples.blog;

/** A search of the library: the words, and how many results at most. */
public record Query(String text, int limit) {
  public Query {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
  }
}
