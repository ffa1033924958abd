package dev.spool.server.internal;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web UI: plain HTML, CSS and ES modules on the classpath, served as static files at {@code /}
 * (the UI), {@code /ui/*} (its modules) and {@code /spool-client.js} (the browser client any front
 * end may import). Not API routes, so not in the OpenAPI document; public, as they hold no data:
 * every call the UI makes goes through the API with the user's key.
 */
public final class WebUi {
  /**
   * Where the files live on the classpath: under META-INF, which no module encapsulates, so Javalin
   * finds them on the module path as well as on the classpath.
   */
  public static final String RESOURCES = "/META-INF/spool-web";

  /**
   * Revalidate on every load, so a new server never runs an old UI; the page may load only its own
   * files and talk only to its own origin.
   */
  private static final Map<String, String> HEADERS =
      Map.of(
          "Cache-Control", "no-cache",
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
                  + " form-action 'none'; frame-ancestors 'none'");

  private WebUi() {}

  public static void serve(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = RESOURCES;
          files.location = Location.CLASSPATH;
          files.headers = HEADERS;
        });
  }
}
