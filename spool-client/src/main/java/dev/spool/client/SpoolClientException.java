package dev.spool.client;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A call to the Spool API failed. The message is one line fit to show a user as it is: the
 * problem's title and detail when the server answered with an error, what could not be reached when
 * it did not answer, or what was wrong with what it sent.
 */
public final class SpoolClientException extends RuntimeException {
  private final Optional<Problem> problem;

  /** The server answered with an error status and this problem. */
  public SpoolClientException(Problem problem) {
    super(problem.describe());
    this.problem = Optional.of(problem);
  }

  /** The call failed without an error answer from the server (no connection, bad response…). */
  public SpoolClientException(String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.problem = Optional.empty();
  }

  public SpoolClientException(String message) {
    this(message, null);
  }

  /** The HTTP status of the server's error answer; empty when the server gave none. */
  public OptionalInt status() {
    return problem.map(p -> OptionalInt.of(p.status())).orElse(OptionalInt.empty());
  }

  /** The server's error answer; empty when it gave none. */
  public Optional<Problem> problem() {
    return problem;
  }

  /** The problem's title, for example {@code Unknown run}. */
  public Optional<String> title() {
    return problem.map(Problem::title);
  }

  /** The problem's detail: what went wrong with this request. */
  public Optional<String> detail() {
    return problem.flatMap(Problem::detail);
  }
}
