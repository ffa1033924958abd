package dev.spool.store.sqlite.internal;

import dev.spool.store.LimitStore;
import dev.spool.store.Micros;
import dev.spool.store.TokenMath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The shared-limit role of the SQLite store. Each operation is one {@code BEGIN IMMEDIATE}
 * transaction, so a take reads and updates its bucket atomically, across processes too.
 */
public final class Limits implements LimitStore {
  private final Database db;

  public Limits(Database db) {
    this.db = db;
  }

  @Override
  public Duration tryTake(String key, long cost, long capacity, Duration period, Instant now) {
    TokenMath.check(cost, capacity, period);
    return db.write("take from bucket " + key, c -> take(c, key, cost, capacity, period, now));
  }

  @Override
  public void holdUntil(String key, Instant until) {
    db.write("hold bucket " + key, c -> hold(c, key, until));
  }

  @Override
  public boolean acquireSlot(String key, int max, String holder, Instant expiresAt, Instant now) {
    if (max < 1) {
      throw new IllegalArgumentException("a slot limit must be >= 1, got " + max);
    }
    return db.write("acquire slot " + key, c -> acquire(c, key, max, holder, expiresAt, now));
  }

  @Override
  public void releaseSlot(String key, String holder) {
    db.write("release slot " + key, c -> release(c, key, holder));
  }

  private static Duration take(
      Connection c, String key, long cost, long capacity, Duration period, Instant now)
      throws SQLException {
    long nowMicros = Micros.of(now);
    try (PreparedStatement ps = c.prepareStatement("SELECT until FROM holds WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(1) > nowMicros) {
          return Duration.ofNanos((rs.getLong(1) - nowMicros) * 1000);
        }
      }
    }
    double tokens = capacity;
    Instant at = now;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT tokens, at FROM buckets WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          Instant was = Micros.toInstant(rs.getLong(2));
          tokens = TokenMath.refill(rs.getDouble(1), was, now, capacity, period);
          at = now.isAfter(was) ? now : was;
        }
      }
    }
    if (tokens < cost) {
      return TokenMath.waitFor(cost - tokens, capacity, period);
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR REPLACE INTO buckets (key, tokens, at) VALUES (?, ?, ?)")) {
      ps.setString(1, key);
      ps.setDouble(2, tokens - cost);
      ps.setLong(3, Micros.of(at));
      ps.executeUpdate();
    }
    return Duration.ZERO;
  }

  private static Void hold(Connection c, String key, Instant until) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO holds (key, until) VALUES (?1, ?2)"
            + " ON CONFLICT (key) DO UPDATE SET until = MAX(until, ?2)",
        key,
        Micros.of(until));
    return null;
  }

  private static boolean acquire(
      Connection c, String key, int max, String holder, Instant expiresAt, Instant now)
      throws SQLException {
    Sql.update(c, "DELETE FROM slots WHERE key = ? AND expires_at <= ?", key, Micros.of(now));
    boolean held;
    long count;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*), SUM(holder = ?) FROM slots WHERE key = ?")) {
      ps.setString(1, holder);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        count = rs.getLong(1);
        held = rs.getLong(2) > 0;
      }
    }
    if (!held && count >= max) {
      return false;
    }
    Sql.update(
        c,
        "INSERT OR REPLACE INTO slots (key, holder, expires_at) VALUES (?, ?, ?)",
        key,
        holder,
        Micros.of(expiresAt));
    return true;
  }

  private static Void release(Connection c, String key, String holder) throws SQLException {
    Sql.update(c, "DELETE FROM slots WHERE key = ? AND holder = ?", key, holder);
    return null;
  }
}
