package dev.spool.examples.blog;

/**
 * A progress event of the blog writer: which phase runs ({@code research}, {@code outline}, {@code
 * write}, {@code edit}, {@code done}), a line for people, and, while sections are written, how many
 * of how many are done.
 */
public record Progress(String phase, String message, Integer done, Integer of) {
  static Progress of(String phase, String message) {
    return new Progress(phase, message, null, null);
  }
}
