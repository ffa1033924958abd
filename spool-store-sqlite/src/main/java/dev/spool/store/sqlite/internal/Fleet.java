package dev.spool.store.sqlite.internal;

import dev.spool.store.DeploymentInfo;
import dev.spool.store.TokenMath;
import dev.spool.store.WorkerBeat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Shared limits, the worker registry and deployments. Writes run inside the caller's {@code BEGIN
 * IMMEDIATE} transaction, so a take reads and updates its bucket atomically, across processes too.
 */
public final class Fleet {
  /** Registry rows of workers silent this long are removed when any worker beats. */
  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private Fleet() {}

  public static Duration tryTake(
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

  public static Void holdUntil(Connection c, String key, Instant until) throws SQLException {
    update(
        c,
        "INSERT INTO holds (key, until) VALUES (?1, ?2)"
            + " ON CONFLICT (key) DO UPDATE SET until = MAX(until, ?2)",
        key,
        Micros.of(until));
    return null;
  }

  public static boolean acquireSlot(
      Connection c, String key, int max, String holder, Instant expiresAt, Instant now)
      throws SQLException {
    update(c, "DELETE FROM slots WHERE key = ? AND expires_at <= ?", key, Micros.of(now));
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
    update(
        c,
        "INSERT OR REPLACE INTO slots (key, holder, expires_at) VALUES (?, ?, ?)",
        key,
        holder,
        Micros.of(expiresAt));
    return true;
  }

  public static Void releaseSlot(Connection c, String key, String holder) throws SQLException {
    update(c, "DELETE FROM slots WHERE key = ? AND holder = ?", key, holder);
    return null;
  }

  public static Void beatWorker(Connection c, WorkerBeat b) throws SQLException {
    update(
        c,
        "INSERT OR REPLACE INTO workers (id, deployment, started_at, at, active_runs, draining)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        b.workerId(),
        b.deployment(),
        Micros.of(b.startedAt()),
        Micros.of(b.at()),
        b.activeRuns(),
        b.draining() ? 1 : 0);
    update(c, "DELETE FROM workers WHERE at < ?", Micros.of(b.at().minus(FORGET_AFTER)));
    return null;
  }

  public static Void removeWorker(Connection c, String workerId) throws SQLException {
    update(c, "DELETE FROM workers WHERE id = ?", workerId);
    return null;
  }

  public static List<WorkerBeat> workers(Connection c, Instant aliveSince) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, deployment, started_at, at, active_runs, draining FROM workers"
                + " WHERE at >= ? ORDER BY deployment, id")) {
      ps.setLong(1, Micros.of(aliveSince));
      try (ResultSet rs = ps.executeQuery()) {
        List<WorkerBeat> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new WorkerBeat(
                  rs.getString(1),
                  rs.getString(2),
                  Micros.toInstant(rs.getLong(3)),
                  Micros.toInstant(rs.getLong(4)),
                  rs.getInt(5),
                  rs.getBoolean(6)));
        }
        return out;
      }
    }
  }

  public static Void promote(Connection c, String deployment, Instant now) throws SQLException {
    update(
        c,
        "UPDATE deployments SET state = 'retired' WHERE state = 'active' AND id <> ?",
        deployment);
    update(
        c,
        "INSERT OR REPLACE INTO deployments (id, state, promoted_at) VALUES (?, 'active', ?)",
        deployment,
        Micros.of(now));
    return null;
  }

  public static Optional<String> activeDeployment(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT id FROM deployments WHERE state = 'active'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  public static List<DeploymentInfo> deployments(Connection c) throws SQLException {
    String inFlight =
        "SELECT deployment, COUNT(*) AS n FROM runs"
            + " WHERE status IN ('queued', 'running', 'waiting') GROUP BY deployment";
    String sql =
        "SELECT k.id, d.state, d.promoted_at, COALESCE(f.n, 0) FROM"
            + " (SELECT id FROM deployments UNION SELECT deployment FROM ("
            + inFlight
            + ")) k LEFT JOIN deployments d ON d.id = k.id LEFT JOIN ("
            + inFlight
            + ") f ON f.deployment = k.id ORDER BY k.id";
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<DeploymentInfo> out = new ArrayList<>();
      while (rs.next()) {
        String state = rs.getString(2);
        out.add(
            new DeploymentInfo(
                rs.getString(1),
                state == null
                    ? DeploymentInfo.State.NEW
                    : DeploymentInfo.State.valueOf(state.toUpperCase(Locale.ROOT)),
                Micros.optInstant(rs, "promoted_at"),
                rs.getLong(4)));
      }
      return out;
    }
  }

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
