package dev.spool.examples.blog;

/** A fetched article: where it was, its title, and its text (one paragraph a line). */
public record Page(String url, String title, String text) {}
