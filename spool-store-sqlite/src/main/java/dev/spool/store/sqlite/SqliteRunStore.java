package dev.spool.store.sqlite;

import dev.spool.Event;
import dev.spool.store.Checkpoint;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.CreateResult;
import dev.spool.store.FleetStore;
import dev.spool.store.KeyStore;
import dev.spool.store.Lease;
import dev.spool.store.LimitStore;
import dev.spool.store.NewRun;
import dev.spool.store.RetryResult;
import dev.spool.store.RunControl;
import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.SignalResult;
import dev.spool.store.Store;
import dev.spool.store.StoreException;
import dev.spool.store.sqlite.internal.ChangeSignal;
import dev.spool.store.sqlite.internal.Controls;
import dev.spool.store.sqlite.internal.Database;
import dev.spool.store.sqlite.internal.EventRows;
import dev.spool.store.sqlite.internal.ExternalWriteWatcher;
import dev.spool.store.sqlite.internal.Fleet;
import dev.spool.store.sqlite.internal.Keys;
import dev.spool.store.sqlite.internal.Leases;
import dev.spool.store.sqlite.internal.Limits;
import dev.spool.store.sqlite.internal.RunRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded store, every role in one SQLite file in WAL mode. Safe for many threads, and for
 * several processes on one machine sharing the file (writes take SQLite's write lock, waiting up to
 * 10 s for another process's).
 *
 * <p>Instants are stored as microseconds since the epoch: what is read back equals what was
 * written, truncated to the microsecond. No run data comes from a clock of the store's own; times
 * the SPI does not pass in are derived from times it does: a run's {@code finishedAt} is the time
 * of its last event, and a renewal's {@code heartbeatAt} is the new expiry less the lease's ttl.
 */
public final class SqliteRunStore implements Store {
  private static final int RENEW_BATCH = 500;
  private final Database db;
  private final ChangeSignal signal = new ChangeSignal();
  private final ExternalWriteWatcher watcher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Keys keys;
  private final Limits limits;
  private final Fleet fleet;

  private SqliteRunStore(Database db) {
    this.db = db;
    this.keys = new Keys(db);
    this.limits = new Limits(db);
    this.fleet = new Fleet(db);
    try {
      this.watcher = new ExternalWriteWatcher(db, signal, "spool-sqlite-watch " + db.file());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Opens the store at {@code file}, creating the file, its parent folders and its schema. */
  public static SqliteRunStore open(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create folder " + parent + " for the Spool store", e);
    }
    return new SqliteRunStore(Database.open(file, false));
  }

  /** Opens an existing store; fails with a {@link StoreException}, creating nothing, if absent. */
  public static SqliteRunStore openExisting(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StoreException("no Spool store at " + file);
    }
    return new SqliteRunStore(Database.open(file, true));
  }

  /** The database file. */
  public Path file() {
    return db.file();
  }

  @Override
  public CreateResult createRun(NewRun run) {
    Objects.requireNonNull(run, "run");
    CreateResult result = db.write("create run " + run.runId(), c -> RunRows.create(c, run));
    if (result.created()) {
      signal.bump(run.runId());
    }
    return result;
  }

  @Override
  public Optional<RunInfo> getRun(String runId) {
    return db.read("get run " + runId, c -> RunRows.get(c, runId));
  }

  @Override
  public List<RunInfo> listRuns(RunQuery query) {
    return db.read("list runs", c -> RunRows.list(c, query));
  }

  @Override
  public Optional<Claim> claim(ClaimRequest request) {
    return db.write("claim a run for " + request.owner(), c -> Leases.claim(c, request));
  }

  @Override
  public Lease renew(Lease lease, Instant newExpiry) {
    Objects.requireNonNull(newExpiry, "newExpiry");
    return db.write("renew lease on run " + lease.runId(), c -> Leases.renew(c, lease, newExpiry));
  }

  /**
   * Renews in write transactions of up to {@value #RENEW_BATCH} leases each: one commit for many
   * leases, short enough that other writers are not held up behind a large worker's heartbeat.
   */
  @Override
  public List<Lease> renewAll(List<Lease> leases, Instant newExpiry) {
    Objects.requireNonNull(newExpiry, "newExpiry");
    List<Lease> renewed = new ArrayList<>(leases.size());
    for (int from = 0; from < leases.size(); from += RENEW_BATCH) {
      List<Lease> batch = leases.subList(from, Math.min(leases.size(), from + RENEW_BATCH));
      renewed.addAll(
          db.write("renew " + batch.size() + " leases", c -> Leases.renewAll(c, batch, newExpiry)));
    }
    return renewed;
  }

  @Override
  public long commit(Lease lease, Commit commit) {
    Objects.requireNonNull(commit, "commit");
    long last = db.write("commit to run " + lease.runId(), c -> Leases.commit(c, lease, commit));
    signal.bump(lease.runId());
    return last;
  }

  @Override
  public List<Checkpoint> checkpoints(String runId) {
    return db.read("read checkpoints of run " + runId, c -> EventRows.checkpoints(c, runId));
  }

  @Override
  public List<Event> readEvents(String runId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return db.read("read events of run " + runId, c -> EventRows.read(c, runId, afterSeq, limit));
  }

  @Override
  public List<Event> awaitEvents(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
    signal.enter(runId);
    try {
      while (true) {
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted while waiting for events of run " + runId);
        }
        ChangeSignal.Mark seen = signal.mark(runId);
        List<Event> events = readEvents(runId, afterSeq, limit);
        long left = deadline - System.nanoTime();
        if (!events.isEmpty() || left <= 0) {
          return events;
        }
        signal.awaitChange(runId, seen, left);
      }
    } finally {
      signal.leave(runId);
    }
  }

  @Override
  public List<RunInfo> expiredLeases(Instant now, int limit) {
    return db.read("list expired leases", c -> RunRows.expiredLeases(c, now, limit));
  }

  @Override
  public Optional<RunInfo> recoverExpired(String runId, Instant now, int maxRecoveries) {
    Optional<RunInfo> r =
        db.write(
            "recover run " + runId, c -> Controls.recoverExpired(c, runId, now, maxRecoveries));
    r.ifPresent(x -> signal.bump(runId));
    return r;
  }

  @Override
  public Optional<RunInfo> recoverFromDeadOwner(
      String runId, String owner, Instant now, int maxRecoveries) {
    Optional<RunInfo> r =
        db.write(
            "recover run " + runId + " from dead worker " + owner,
            c -> Controls.recoverFromDeadOwner(c, runId, owner, now, maxRecoveries));
    r.ifPresent(x -> signal.bump(runId));
    return r;
  }

  @Override
  public Optional<RunInfo> requestCancel(String runId, String reason, Instant now) {
    Optional<RunInfo> r =
        db.write("cancel run " + runId, c -> Controls.requestCancel(c, runId, reason, now));
    signal.bump(runId);
    return r;
  }

  @Override
  public Optional<RetryResult> retryRun(String runId, String reason, Instant now) {
    Optional<RetryResult> r =
        db.write("retry run " + runId, c -> Controls.retry(c, runId, reason, now));
    signal.bump(runId);
    return r;
  }

  @Override
  public Optional<SignalResult> sendSignal(
      String runId, String name, String valueJson, Instant now) {
    Optional<SignalResult> r =
        db.write("signal run " + runId, c -> Controls.sendSignal(c, runId, name, valueJson, now));
    signal.bump(runId);
    return r;
  }

  @Override
  public List<RunControl> controls(String owner) {
    return db.read("read controls of " + owner, c -> Controls.controls(c, owner));
  }

  @Override
  public KeyStore keys() {
    return keys;
  }

  @Override
  public LimitStore limits() {
    return limits;
  }

  @Override
  public FleetStore fleet() {
    return fleet;
  }

  @Override
  public String describe() {
    return "sqlite:" + db.file().toAbsolutePath();
  }

  /** Stops the watcher and closes every connection; waiting readers wake and fail. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watcher.close();
    db.close();
    signal.bumpAll();
  }

  @Override
  public String toString() {
    return "SqliteRunStore[" + describe() + "]";
  }
}
