package dev.spool.server.internal;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One API operation: the server registers exactly these, and the OpenAPI check compares against
 * what was registered.
 *
 * @param path Javalin path syntax, which is also OpenAPI's: {@code /v1/runs/{id}}
 */
public record Route(HandlerType method, String path, Access access, Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
  }

  public static Route get(String path, Access access, Handler handler) {
    return new Route(HandlerType.GET, path, access, handler);
  }

  public static Route post(String path, Access access, Handler handler) {
    return new Route(HandlerType.POST, path, access, handler);
  }
}
