package dev.spool.examples.blog;

/**
 * A page the research read, numbered the way the post cites it ({@code [2]}).
 *
 * @param number its citation number, from 1
 * @param url where it was read
 * @param title its title
 * @param text its text, one paragraph a line
 */
public record Source(int number, String url, String title, String text) {}
