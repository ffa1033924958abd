package dev.spool.store.sqlite.internal;

import static dev.spool.store.sqlite.internal.Columns.instant;
import static dev.spool.store.sqlite.internal.Columns.optInstant;
import static dev.spool.store.sqlite.internal.Columns.optString;

import dev.spool.RunStatus;
import dev.spool.store.CreateResult;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunRules;
import dev.spool.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL over the {@code runs} table: create, look up, list. */
public final class RunRows {
  static final String COLUMNS =
      "id, workflow, version, status, input, result, error, created_at, started_at, finished_at,"
          + " last_seq, deployment, attempt, lease_owner, heartbeat_at, resume_at, idempotency_key,"
          + " cancel_requested, recoveries";

  private RunRows() {}

  /** Inserts the run and its {@code run.queued} event, or returns the run its key already names. */
  public static CreateResult create(Connection c, NewRun run) throws SQLException {
    if (run.idempotencyKey().isPresent()) {
      Optional<RunInfo> existing =
          queryOne(
              c,
              "SELECT " + COLUMNS + " FROM runs WHERE idempotency_key = ?",
              run.idempotencyKey().get());
      if (existing.isPresent()) {
        return new CreateResult(existing.get(), false);
      }
    }
    if (get(c, run.runId()).isPresent()) {
      throw new StoreException("cannot create run " + run.runId() + ": a run with that id exists");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO runs (id, workflow, version, status, input, created_at, last_seq,"
                + " deployment, attempt, lease_epoch, idempotency_key)"
                + " VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, 0, 0, ?)")) {
      ps.setString(1, run.runId());
      ps.setString(2, run.workflow());
      ps.setString(3, run.version());
      ps.setString(4, run.input());
      ps.setLong(5, Micros.of(run.createdAt()));
      ps.setLong(6, RunRules.created(run).size());
      ps.setString(7, run.deployment());
      ps.setString(8, run.idempotencyKey().orElse(null));
      ps.executeUpdate();
    }
    // Attempt 0: no attempt has started yet. The run's fields are in the run, not the event.
    List<NewEvent> events = RunRules.created(run);
    EventRows.insert(c, run.runId(), 1, events);
    EventRows.upsertCheckpoints(c, run.runId(), run.seedCheckpoints());
    return new CreateResult(get(c, run.runId()).orElseThrow(), true);
  }

  public static Optional<RunInfo> get(Connection c, String runId) throws SQLException {
    return queryOne(c, "SELECT " + COLUMNS + " FROM runs WHERE id = ?", runId);
  }

  /**
   * Newest first; the cursor compares (created_at, id) so runs created in the same µs page right.
   */
  public static List<RunInfo> list(Connection c, RunQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    q.status()
        .ifPresent(
            s -> {
              sql.append(" AND status = ?");
              args.add(s.wireName());
            });
    q.workflow()
        .ifPresent(
            w -> {
              sql.append(" AND workflow = ?");
              args.add(w);
            });
    q.beforeRunId()
        .ifPresent(
            id -> {
              sql.append(" AND (created_at, id) < (SELECT created_at, id FROM runs WHERE id = ?)");
              args.add(id);
            });
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(q.limit());
    return query(c, sql.toString(), args.toArray());
  }

  public static List<RunInfo> expiredLeases(Connection c, Instant now, int limit)
      throws SQLException {
    return query(
        c,
        "SELECT "
            + COLUMNS
            + " FROM runs INDEXED BY runs_lease_expiry"
            + " WHERE status = 'running' AND lease_expires_at < ?"
            + " ORDER BY lease_expires_at, id LIMIT ?",
        Micros.of(now),
        limit);
  }

  static List<RunInfo> query(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<RunInfo> out = new ArrayList<>();
        while (rs.next()) {
          out.add(map(rs));
        }
        return out;
      }
    }
  }

  private static Optional<RunInfo> queryOne(Connection c, String sql, Object... args)
      throws SQLException {
    return query(c, sql, args).stream().findFirst();
  }

  static RunInfo map(ResultSet rs) throws SQLException {
    return new RunInfo(
        rs.getString("id"),
        rs.getString("workflow"),
        rs.getString("version"),
        RunStatus.fromWire(rs.getString("status")),
        rs.getString("input"),
        optString(rs, "result"),
        optString(rs, "error"),
        instant(rs, "created_at"),
        optInstant(rs, "started_at"),
        optInstant(rs, "finished_at"),
        rs.getLong("last_seq"),
        rs.getString("deployment"),
        rs.getInt("attempt"),
        optString(rs, "lease_owner"),
        optInstant(rs, "heartbeat_at"),
        optInstant(rs, "resume_at"),
        optString(rs, "idempotency_key"),
        rs.getBoolean("cancel_requested"),
        rs.getInt("recoveries"));
  }
}
