package dev.spool.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import dev.spool.client.Problem;
import dev.spool.client.SpoolClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/** Turns what went wrong on the wire into a {@link SpoolClientException} with one clear line. */
public final class Failures {
  private static final int MAX_DETAIL = 300;

  private Failures() {}

  /** {@code GET /v1/runs/x}: the request as a message names it. */
  public static String describe(HttpRequest request) {
    String query = request.uri().getRawQuery();
    return request.method() + " " + request.uri().getRawPath() + (query == null ? "" : "?" + query);
  }

  /** No answer: the server is not there, not reachable, too slow, or the connection broke. */
  public static SpoolClientException unreachable(String base, HttpRequest request, IOException e) {
    String message;
    if (e instanceof HttpConnectTimeoutException) {
      message = "timed out connecting to the Spool API at " + base + "; is the address right?";
    } else if (e instanceof HttpTimeoutException) {
      message =
          "the Spool API at "
              + base
              + " did not answer "
              + describe(request)
              + " within "
              + request.timeout().map(d -> d.toMillis() + " ms").orElse("the timeout");
    } else if (causedBy(e, ConnectException.class)) {
      message =
          "cannot connect to the Spool API at "
              + base
              + " (connection refused); is the server running and listening there?";
    } else if (causedBy(e, UnresolvedAddressException.class)
        || causedBy(e, UnknownHostException.class)) {
      message = "cannot resolve the host of the Spool API at " + base;
    } else {
      message =
          "lost the connection to the Spool API at "
              + base
              + " during "
              + describe(request)
              + ": "
              + text(e);
    }
    return new SpoolClientException(message, e);
  }

  /** True when {@code e} says no connection could be opened at all. */
  public static boolean isConnectFailure(IOException e) {
    return e instanceof HttpConnectTimeoutException
        || causedBy(e, ConnectException.class)
        || causedBy(e, UnresolvedAddressException.class)
        || causedBy(e, UnknownHostException.class);
  }

  /** True if {@code t} or any of its causes is a {@code type}. */
  static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
      if (type.isInstance(cur)) {
        return true;
      }
    }
    return false;
  }

  /** The server answered with an error status: its problem, or one made from what it sent. */
  public static SpoolClientException of(Reply reply) {
    return new SpoolClientException(problem(reply.status(), reply.body(), reply.request()));
  }

  static Problem problem(int status, String body, HttpRequest request) {
    try {
      JsonNode n = Json.tree(body);
      if (n.isObject() && n.path("title").isTextual()) {
        return new Problem(
            n.path("type").asText("about:blank"),
            n.path("title").asText(),
            status,
            textField(n, "detail"),
            textField(n, "instance"));
      }
    } catch (IllegalArgumentException notJson) {
      // an answer from something other than the Spool API (a proxy, a different server)
    }
    String trimmed = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (trimmed.length() > MAX_DETAIL) {
      trimmed = trimmed.substring(0, MAX_DETAIL) + "…";
    }
    String detail =
        describe(request) + " answered " + status + (trimmed.isEmpty() ? "" : ": " + trimmed);
    return new Problem(
        "about:blank",
        reason(status),
        status,
        Optional.of(detail),
        Optional.of(request.uri().getRawPath()));
  }

  private static Optional<String> textField(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict";
      case 413 -> "Content too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable content";
      case 429 -> "Too many requests";
      case 500 -> "Internal server error";
      case 502 -> "Bad gateway";
      case 503 -> "Service unavailable";
      case 504 -> "Gateway timeout";
      default -> "HTTP " + status;
    };
  }

  static String text(Throwable t) {
    Throwable root = rootCause(t);
    String m = root.getMessage();
    return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
  }

  static Throwable rootCause(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && cur.getCause() != cur) {
      cur = cur.getCause();
    }
    return cur;
  }
}
