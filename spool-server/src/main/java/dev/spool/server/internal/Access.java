package dev.spool.server.internal;

/** Who may call a route. */
public enum Access {
  /** Anyone: health and the API description. */
  PUBLIC,
  /** A caller with an API key in {@code Authorization: Bearer …} (when keys are required). */
  KEY,
  /**
   * Like {@link #KEY}, or the key in {@code ?access_token=}: a browser's {@code EventSource} cannot
   * set headers.
   */
  KEY_OR_QUERY_TOKEN
}
