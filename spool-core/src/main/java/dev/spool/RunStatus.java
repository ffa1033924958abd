package dev.spool;

import java.util.Locale;

/**
 * Where a run stands. A terminal status changes again only by a retry, which sets a failed or
 * cancelled run queued ({@link dev.spool.store.RunRules#retry}).
 */
public enum RunStatus {
  QUEUED,
  RUNNING,
  WAITING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The lower-case name used on the wire and in stores, for example {@code "running"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the valid values. */
  public static RunStatus fromWire(String name) {
    for (RunStatus s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown run status '"
            + name
            + "' (expected one of queued, running, waiting, completed, failed, cancelled)");
  }
}
