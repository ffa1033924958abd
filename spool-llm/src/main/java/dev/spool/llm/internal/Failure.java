package dev.spool.llm.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.spool.llm.ProviderHttpException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed request means for the call: retry and count against the breaker (an outage), wait
 * as told (throttled), leave the provider (unusable), or give up (the request itself is refused).
 */
record Failure(Kind kind, int status, Optional<Duration> retryAfter, Throwable error) {
  enum Kind {
    /** Connection errors, timeouts, 5xx, anything unknown: retry, then fail over. */
    OUTAGE,
    /** 429: wait, for every worker, as long as the provider said. */
    THROTTLED,
    /** 401, 403, 404: this provider cannot serve the call; fail over at once. */
    UNUSABLE,
    /** 400 and other 4xx: the request is wrong; no provider will take it. */
    REJECTED
  }

  static Failure of(Throwable t) {
    Optional<Duration> retryAfter = Optional.empty();
    int status = 0;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ProviderHttpException p && retryAfter.isEmpty()) {
        retryAfter = p.retryAfter();
      }
      if (c instanceof HttpException h && status == 0) {
        status = h.statusCode();
      }
    }
    if (status == 0) {
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof RateLimitException) {
          status = 429;
        } else if (c instanceof AuthenticationException) {
          status = 401;
        } else if (c instanceof ModelNotFoundException) {
          status = 404;
        } else if (c instanceof InvalidRequestException) {
          status = 400;
        }
        if (status != 0) {
          break;
        }
      }
    }
    return new Failure(kind(status), status, retryAfter, t);
  }

  private static Kind kind(int status) {
    if (status == 429) {
      return Kind.THROTTLED;
    }
    if (status == 401 || status == 403 || status == 404) {
      return Kind.UNUSABLE;
    }
    if (status >= 400 && status < 500 && status != 408 && status != 409) {
      return Kind.REJECTED;
    }
    return Kind.OUTAGE;
  }

  /** The error as events show it: {@code {type, message, status}}. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    m.put("type", root.getClass().getName());
    String msg = root.getMessage() == null ? error.toString() : root.getMessage();
    m.put("message", msg.length() > 500 ? msg.substring(0, 500) + "…" : msg);
    if (status != 0) {
      m.put("status", status);
    }
    return m;
  }

  String summary() {
    Map<String, Object> d = describe();
    return (status != 0 ? "HTTP " + status + ": " : d.get("type") + ": ") + d.get("message");
  }
}
