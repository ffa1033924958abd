package dev.spool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An input that counts how often it is built, so a test can tell how many times a start parsed it.
 * In the test-jar, for the server's tests too.
 */
public record CountedInput(String text) {
  public static final AtomicInteger BUILT = new AtomicInteger();

  /** {@code counted}: returns its text. */
  public static final Workflow<CountedInput, String> WORKFLOW =
      Workflow.of("counted", CountedInput.class, String.class, (ctx, in) -> in.text());

  public CountedInput {
    BUILT.incrementAndGet();
  }
}
