package dev.spool.internal.engine;

import dev.spool.Json;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Error payloads as they appear in events and checkpoints: {@code {"type":…,"message":…}}. */
final class Errors {
  private Errors() {}

  static String json(Throwable t) {
    StringBuilder sb = new StringBuilder(64);
    sb.append("{\"type\":");
    Json.quote(sb, t.getClass().getName());
    sb.append(",\"message\":");
    Json.quote(sb, message(t));
    sb.append('}');
    return sb.toString();
  }

  static String message(Throwable t) {
    String m = t.getMessage();
    return m == null ? "" : m;
  }

  /** Removes the wrappers that concurrency utilities add around the real error. */
  static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof ExecutionException
            || cur instanceof CompletionException
            || cur instanceof InvocationTargetException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }
}
