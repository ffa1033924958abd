package dev.spool.internal;

import dev.spool.Json;

/** Builds an event's JSON object, embedding already-serialized values without re-parsing them. */
public final class Payload {
  private final StringBuilder sb = new StringBuilder(96).append('{');

  private Payload() {}

  public static Payload obj() {
    return new Payload();
  }

  private Payload key(String k) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    Json.quote(sb, k);
    sb.append(':');
    return this;
  }

  public Payload str(String k, String v) {
    key(k);
    Json.quote(sb, v);
    return this;
  }

  public Payload num(String k, long v) {
    key(k).sb.append(v);
    return this;
  }

  public Payload bool(String k, boolean v) {
    key(k).sb.append(v);
    return this;
  }

  /** Embeds a value that is already JSON text. */
  public Payload raw(String k, String json) {
    key(k).sb.append(json);
    return this;
  }

  public String build() {
    return sb.append('}').toString();
  }
}
