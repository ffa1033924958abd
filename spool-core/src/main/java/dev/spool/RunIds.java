package dev.spool;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Run ids that sort by creation time: {@code r} + 10 Crockford base-32 digits of milliseconds + 12
 * of randomness, increasing monotonically within the same millisecond in one process.
 */
public final class RunIds {
  private static final char[] DIGITS = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static long lastMillis = -1;
  private static long lastRandom;

  private RunIds() {}

  public static String next(Instant at) {
    long millis = at.toEpochMilli();
    long rnd;
    LOCK.lock();
    try {
      if (millis <= lastMillis) {
        millis = lastMillis;
        rnd = ++lastRandom;
      } else {
        rnd = RANDOM.nextLong() >>> 5; // leave headroom so increments stay within 60 bits
      }
      lastMillis = millis;
      lastRandom = rnd;
    } finally {
      LOCK.unlock();
    }
    char[] out = new char[23];
    out[0] = 'r';
    for (int i = 10; i >= 1; i--) {
      out[i] = DIGITS[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 22; i >= 11; i--) {
      out[i] = DIGITS[(int) (rnd & 31)];
      rnd >>>= 5;
    }
    return new String(out);
  }
}
