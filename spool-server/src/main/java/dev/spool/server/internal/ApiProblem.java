package dev.spool.server.internal;

import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem a handler answers with instead of its normal response. Thrown, so that a
 * handler deep in a call chain can stop the request with one line.
 *
 * @see Problems
 */
public final class ApiProblem extends RuntimeException {
  private final int status;
  private final String slug;
  private final String title;
  private final Map<String, String> headers;

  public ApiProblem(int status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of());
  }

  public ApiProblem(
      int status, String slug, String title, String detail, Map<String, String> headers) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.status = status;
    this.slug = Objects.requireNonNull(slug, "slug");
    this.title = Objects.requireNonNull(title, "title");
    this.headers = Map.copyOf(headers);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "bad-request", "Bad request", detail);
  }

  public static ApiProblem notFound(String slug, String title, String detail) {
    return new ApiProblem(404, slug, title, detail);
  }

  public static ApiProblem conflict(String slug, String title, String detail) {
    return new ApiProblem(409, slug, title, detail);
  }

  public int status() {
    return status;
  }

  /** The last part of the problem type, {@code urn:spool:problem:<slug>}. */
  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra response headers, such as {@code WWW-Authenticate}. */
  public Map<String, String> headers() {
    return headers;
  }
}
