package dev.spool.store.sqlite.internal;

import dev.spool.store.DeploymentInfo;
import dev.spool.store.FleetStore;
import dev.spool.store.Micros;
import dev.spool.store.WorkerBeat;
import dev.spool.store.WorkflowVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The fleet role of the SQLite store: the worker registry and the deployments. */
public final class Fleet implements FleetStore {
  /** Registry rows of workers silent this long are removed when any worker beats. */
  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final Database db;

  public Fleet(Database db) {
    this.db = db;
  }

  @Override
  public void beatWorker(WorkerBeat beat) {
    db.write("register worker " + beat.workerId(), c -> beat(c, beat));
  }

  @Override
  public void removeWorker(String workerId) {
    db.write("remove worker " + workerId, c -> remove(c, workerId));
  }

  @Override
  public List<WorkerBeat> workers(Instant aliveSince) {
    return db.read("list workers", c -> workers(c, aliveSince));
  }

  @Override
  public void promote(String deployment, Instant now) {
    db.write("promote " + deployment, c -> promote(c, deployment, now));
  }

  @Override
  public Optional<String> activeDeployment() {
    return db.read("read the active deployment", Fleet::active);
  }

  @Override
  public List<DeploymentInfo> deployments() {
    return db.read("list deployments", Fleet::deployments);
  }

  @Override
  public int moveQueued(String from, String to) {
    return db.write(
        "move queued runs from " + from + " to " + to,
        c ->
            Sql.update(
                c,
                // RunRules.movable: pinned to from, queued, never started
                "UPDATE runs SET deployment = ? WHERE deployment = ? AND status = 'queued'"
                    + " AND attempt = 0",
                to,
                from));
  }

  @Override
  public Map<WorkflowVersion, Long> inFlightByVersion() {
    return db.read(
        "count runs in flight by workflow version",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT workflow, version, COUNT(*) FROM runs"
                          + " WHERE status IN ('queued', 'running', 'waiting')"
                          + " GROUP BY workflow, version");
              ResultSet rs = ps.executeQuery()) {
            Map<WorkflowVersion, Long> out = new TreeMap<>();
            while (rs.next()) {
              out.put(new WorkflowVersion(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
            return out;
          }
        });
  }

  private static Void beat(Connection c, WorkerBeat b) throws SQLException {
    Sql.update(
        c,
        "INSERT OR REPLACE INTO workers"
            + " (id, deployment, started_at, at, active_runs, draining, workflows)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        b.workerId(),
        b.deployment(),
        Micros.of(b.startedAt()),
        Micros.of(b.at()),
        b.activeRuns(),
        b.draining() ? 1 : 0,
        WorkflowVersion.joinKeys(b.workflows()));
    Sql.update(c, "DELETE FROM workers WHERE at < ?", Micros.of(b.at().minus(FORGET_AFTER)));
    return null;
  }

  private static Void remove(Connection c, String workerId) throws SQLException {
    Sql.update(c, "DELETE FROM workers WHERE id = ?", workerId);
    return null;
  }

  private static List<WorkerBeat> workers(Connection c, Instant aliveSince) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, deployment, started_at, at, active_runs, draining, workflows FROM workers"
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
                  rs.getBoolean(6),
                  WorkflowVersion.parseKeys(rs.getString(7))));
        }
        return out;
      }
    }
  }

  private static Void promote(Connection c, String deployment, Instant now) throws SQLException {
    Sql.update(
        c,
        "UPDATE deployments SET state = 'retired' WHERE state = 'active' AND id <> ?",
        deployment);
    Sql.update(
        c,
        "INSERT OR REPLACE INTO deployments (id, state, promoted_at) VALUES (?, 'active', ?)",
        deployment,
        Micros.of(now));
    return null;
  }

  private static Optional<String> active(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT id FROM deployments WHERE state = 'active'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  private static List<DeploymentInfo> deployments(Connection c) throws SQLException {
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
                Columns.optInstant(rs, "promoted_at"),
                rs.getLong(4)));
      }
      return out;
    }
  }
}
