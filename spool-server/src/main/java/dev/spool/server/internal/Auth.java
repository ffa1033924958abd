package dev.spool.server.internal;

import dev.spool.server.ApiKeys;
import dev.spool.store.KeyStore;
import io.javalin.http.Context;
import java.util.Map;

/** Checks the API key of a request to a route that needs one. */
public final class Auth {
  private static final String HOW_TO =
      "create one with: spool keys create --name NAME, then send it as Authorization: Bearer KEY";

  private final KeyStore keys;
  private final boolean required;

  public Auth(KeyStore keys, boolean required) {
    this.keys = keys;
    this.required = required;
  }

  /**
   * Lets the request through or throws.
   *
   * @throws ApiProblem 401 for a missing, unknown or revoked key
   */
  public void check(Context ctx, Access access) {
    if (!required || access == Access.PUBLIC) {
      return;
    }
    String key = bearer(ctx.header("Authorization"));
    if (key == null && access == Access.KEY_OR_QUERY_TOKEN) {
      key = ctx.queryParam("access_token");
    }
    if (key == null || key.isBlank()) {
      throw new ApiProblem(
          401,
          "missing-api-key",
          "API key required",
          "this route needs an API key; " + HOW_TO,
          Map.of("WWW-Authenticate", "Bearer realm=\"spool\""));
    }
    if (ApiKeys.authenticate(keys, key.strip()).isEmpty()) {
      throw new ApiProblem(
          401,
          "invalid-api-key",
          "Invalid API key",
          "the API key is not valid (unknown or revoked); " + HOW_TO,
          Map.of("WWW-Authenticate", "Bearer realm=\"spool\", error=\"invalid_token\""));
    }
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).strip();
    }
    return null;
  }
}
