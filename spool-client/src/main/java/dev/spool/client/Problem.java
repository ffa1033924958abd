package dev.spool.client;

import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 9457 problem the server answered with.
 *
 * @param type a URI naming the kind of problem, for example {@code urn:spool:problem:unknown-run}
 * @param title a short summary of that kind, for example {@code Unknown run}
 * @param status the HTTP status
 * @param detail what went wrong with this request, and often what to do about it
 * @param instance the request path the problem is about
 */
public record Problem(
    String type, String title, int status, Optional<String> detail, Optional<String> instance) {
  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(instance, "instance");
  }

  /** One line: {@code Unknown run (HTTP 404): there is no run 'x'…}. */
  public String describe() {
    return title + " (HTTP " + status + ")" + detail.map(d -> ": " + d).orElse("");
  }
}
