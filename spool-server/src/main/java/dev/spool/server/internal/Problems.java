package dev.spool.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.Json;
import dev.spool.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes RFC 9457 problem details ({@code application/problem+json}) for every kind of error. */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  public static void write(Context ctx, ApiProblem p) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("type", "urn:spool:problem:" + p.slug());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("instance", ctx.path());
    p.headers().forEach(ctx::header);
    ctx.status(p.status()).contentType(CONTENT_TYPE).result(Json.write(body));
  }

  /** Javalin's own errors: no route (404), wrong method (405), and the like. */
  public static void write(Context ctx, HttpResponseException e) {
    write(ctx, fromJavalin(ctx, e));
  }

  static ApiProblem fromJavalin(Context ctx, HttpResponseException e) {
    String route = ctx.method().name() + " " + ctx.path();
    return switch (e.getStatus()) {
      case 404 ->
          new ApiProblem(
              404,
              "no-route",
              "No such route",
              "there is no route "
                  + route
                  + "; the API is described at /v1/openapi.json (every route starts with /v1/,"
                  + " except /health; the web UI is at /)");
      case 405 ->
          new ApiProblem(
              405,
              "method-not-allowed",
              "Method not allowed",
              route
                  + " is not allowed on this path; /v1/openapi.json lists the methods each"
                  + " path takes");
      default ->
          new ApiProblem(
              e.getStatus(),
              "http-" + e.getStatus(),
              HttpStatus.forStatus(e.getStatus()).getMessage(),
              e.getMessage() + " (" + route + ")");
    };
  }

  /** The store failed: the API is up but cannot serve this request now. */
  public static void write(Context ctx, StoreException e) {
    LOG.warn("store error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    write(
        ctx,
        new ApiProblem(
            503,
            "store-unavailable",
            "Store unavailable",
            "the run store could not answer: " + e.getMessage() + "; try again shortly"));
  }

  /** A bug or an unforeseen failure: logged in full, answered without the stack trace. */
  public static void unexpected(Context ctx, Exception e) {
    LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
    write(
        ctx,
        new ApiProblem(
            500,
            "internal-error",
            "Internal server error",
            "the server failed on this request; the error is in the server's log"));
  }
}
