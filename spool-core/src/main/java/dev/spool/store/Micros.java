package dev.spool.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Instants as stores keep them: microseconds since the epoch, as an integer (SQLite) or its decimal
 * string (Redis). What is read back equals what was written truncated to the microsecond, in every
 * store alike. Lua's doubles hold them exactly (they stay far below 2^53).
 */
public final class Micros {
  private Micros() {}

  public static long of(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  public static String str(Instant t) {
    return Long.toString(of(t));
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  public static Instant parse(String micros) {
    return toInstant(Long.parseLong(micros));
  }

  public static Optional<Instant> parseOpt(String micros) {
    return micros == null || micros.isEmpty() ? Optional.empty() : Optional.of(parse(micros));
  }

  /** The instant as stored: truncated to the microsecond. */
  public static Instant truncate(Instant t) {
    return toInstant(of(t));
  }

  /**
   * A 20-digit key that sorts like the instant (micros with the sign bit flipped, unsigned), for
   * lexicographic listing indexes.
   */
  public static String lex(Instant t) {
    String u = Long.toUnsignedString(of(t) ^ Long.MIN_VALUE);
    return "0".repeat(20 - u.length()) + u;
  }
}
