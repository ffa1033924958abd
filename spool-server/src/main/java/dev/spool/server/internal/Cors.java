package dev.spool.server.internal;

import io.javalin.http.Context;

/**
 * CORS for browser front ends on other origins (the web UI, dashboards). Any origin may call, as
 * access is granted by API keys in a header, never by cookies, so a foreign page gains nothing a
 * key would not give it.
 */
public final class Cors {
  static final String ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key, Last-Event-ID";
  static final String EXPOSE_HEADERS =
      "Location, Retry-After, Idempotent-Replayed, WWW-Authenticate";

  private Cors() {}

  /** Adds the CORS headers; answers a preflight request itself (true) so no route sees it. */
  public static boolean handle(Context ctx) {
    if (ctx.header("Origin") == null) {
      return false;
    }
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    boolean preflight =
        ctx.method().name().equals("OPTIONS")
            && ctx.header("Access-Control-Request-Method") != null;
    if (preflight) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST");
      ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
    }
    return preflight;
  }
}
