package dev.spool.server.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads request bodies: JSON only, and never more than the configured limit into memory, whether or
 * not the client sent a {@code Content-Length}.
 */
public final class Bodies {
  private final long maxBytes;

  public Bodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * The body as text, empty if there is none.
   *
   * @throws ApiProblem 415 for a body that is not JSON, 413 for one over the limit
   */
  public String json(Context ctx) {
    checkJsonContentType(ctx);
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes");
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  /**
   * A missing Content-Type is taken as JSON (many HTTP clients send none); anything declared must
   * be JSON, so a form post from {@code curl -d} is told what to send instead of failing later.
   */
  private static void checkJsonContentType(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || type.isBlank()) {
      return;
    }
    String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (media.equals("application/json") || media.endsWith("+json")) {
      return;
    }
    throw new ApiProblem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "the request body must be JSON, sent as Content-Type: application/json (got "
            + media
            + ")");
  }

  private ApiProblem tooLarge(String got) {
    return new ApiProblem(
        413,
        "payload-too-large",
        "Payload too large",
        "the request body is "
            + got
            + "; this server accepts at most "
            + maxBytes
            + " bytes (set with maxBodyBytes)");
  }
}
