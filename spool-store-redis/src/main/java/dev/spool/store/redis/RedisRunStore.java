package dev.spool.store.redis;

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
import dev.spool.store.redis.internal.Codec;
import dev.spool.store.redis.internal.Connection;
import dev.spool.store.redis.internal.Controls;
import dev.spool.store.redis.internal.Events;
import dev.spool.store.redis.internal.Fleet;
import dev.spool.store.redis.internal.Keys;
import dev.spool.store.redis.internal.Layout;
import dev.spool.store.redis.internal.Leases;
import dev.spool.store.redis.internal.Limits;
import dev.spool.store.redis.internal.Redis;
import dev.spool.store.redis.internal.Retention;
import dev.spool.store.redis.internal.Runs;
import dev.spool.store.redis.internal.Script;
import dev.spool.store.redis.internal.StoreUri;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The store, every role, on Redis or Redis Cluster, through Lettuce. Open it with a store URI:
 *
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/db]}, {@code rediss://…} for TLS
 *   <li>{@code redis-cluster://host:port,host:port} (seed nodes; the rest is discovered)
 * </ul>
 *
 * with optional query parameters: {@code retention} (how long finished runs are kept, default
 * {@code 7d}; {@code 0} keeps them forever), {@code timeout} (per command, default {@code 5s}),
 * {@code partitions} (invocation-queue partitions, fixed when the store is first used: default 1 on
 * one server, 16 on a cluster) and {@code namespace} (key prefix, default {@code spool}).
 *
 * <p>Safe for concurrent use; one shared connection carries every command except blocking reads of
 * a run's tail, which get connections of their own. See the package documentation for the layout,
 * what is atomic, and what Redis persistence settings mean for acknowledged events.
 */
public final class RedisRunStore implements Store {
  /** Blocking tail reads that get a connection of their own; more waiters poll. */
  private static final int MAX_WAITERS = 256;

  private final Redis redis;
  private final Runs runs;
  private final Leases leases;
  private final Controls controls;
  private final Events events;
  private final Keys keys;
  private final Limits limits;
  private final Fleet fleet;
  private final Retention retention;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisRunStore(Redis redis) {
    this.redis = redis;
    this.runs = new Runs(redis);
    this.leases = new Leases(redis);
    this.events = new Events(redis, MAX_WAITERS);
    this.controls = new Controls(redis, runs, events::checkpoints);
    this.keys = new Keys(redis);
    this.limits = new Limits(redis);
    this.fleet = new Fleet(redis);
    this.retention =
        redis.retention().isZero() ? null : Retention.start(redis, sweepEvery(redis.retention()));
  }

  private static Duration sweepEvery(Duration retention) {
    Duration d = retention.dividedBy(10);
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return d.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : d;
  }

  /** Opens the store a URI names, creating its layout record on first use. */
  public static RedisRunStore open(String uri) {
    return open(uri, false);
  }

  /**
   * Opens the store a URI names.
   *
   * @param mustExist fail with a {@link StoreException} unless a Spool store was already used in
   *     this Redis (under the URI's namespace), instead of starting an empty one
   */
  public static RedisRunStore open(String uri, boolean mustExist) {
    StoreUri parsed = StoreUri.parse(uri);
    Connection conn = Connection.open(parsed);
    try {
      Layout layout = layout(conn, parsed, mustExist);
      return new RedisRunStore(new Redis(conn, layout, parsed.retention()));
    } catch (RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  /** Reads (or on first use writes) the partition count the data was laid out with. */
  private static Layout layout(Connection conn, StoreUri uri, boolean mustExist) {
    String g = new Layout(uri.namespace(), 1).global();
    if (mustExist
        && opening(() -> conn.await(conn.async().exists(g + "config"), "look for a Spool store"))
            == 0) {
      throw new StoreException(
          "no Spool store at "
              + uri.describe()
              + " (namespace '"
              + uri.namespace()
              + "'): nothing was ever written there");
    }
    int asked = uri.partitions().orElse(uri.cluster() ? 16 : 1);
    Redis bootstrap = new Redis(conn, new Layout(uri.namespace(), 1), Duration.ZERO);
    Map<String, String> config =
        opening(
            () ->
                Codec.fields(
                    bootstrap.eval(
                        Script.CONFIG,
                        g,
                        List.of(Integer.toString(asked), Layout.VERSION),
                        "read the store's layout")));
    if (!Layout.VERSION.equals(config.get("layout"))
        && !Layout.UPGRADES_FROM.equals(config.get("layout"))) {
      throw new StoreException(
          "the Spool store at "
              + uri.describe()
              + " has key layout "
              + config.get("layout")
              + "; this version reads layout "
              + Layout.VERSION);
    }
    int stored = Integer.parseInt(config.get("partitions"));
    if (uri.partitions().isPresent() && stored != asked) {
      throw new StoreException(
          "the Spool store at "
              + uri.describe()
              + " was created with "
              + stored
              + " partitions; the URI asks for "
              + asked
              + " (the count is fixed for the life of the data: drop the parameter)");
    }
    Layout layout = new Layout(uri.namespace(), stored);
    if (Layout.UPGRADES_FROM.equals(config.get("layout"))) {
      // Each partition moves in one script (idempotent, so a crash half-way is finished next time);
      // the record says layout 2 once every partition has.
      Redis redis = new Redis(conn, layout, Duration.ZERO);
      opening(() -> redis.evalAll(Script.UPGRADE, p -> List.of(), "upgrade the key layout"));
      opening(
          () -> conn.await(conn.async().hset(g + "config", "layout", Layout.VERSION), "upgrade"));
    }
    return layout;
  }

  /**
   * A first call, retried for a few seconds: a connection that dropped right after connecting (a
   * busy server or client) is re-established in the background meanwhile.
   */
  private static <T> T opening(Supplier<T> call) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return call.get();
      } catch (StoreException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public CreateResult createRun(NewRun run) {
    Objects.requireNonNull(run, "run");
    return runs.create(run);
  }

  @Override
  public Optional<RunInfo> getRun(String runId) {
    return runs.get(runId);
  }

  @Override
  public List<RunInfo> listRuns(RunQuery query) {
    return runs.list(query);
  }

  @Override
  public Optional<Claim> claim(ClaimRequest request) {
    return leases.claim(request);
  }

  @Override
  public Lease renew(Lease lease, Instant newExpiry) {
    Objects.requireNonNull(newExpiry, "newExpiry");
    return leases.renew(lease, newExpiry);
  }

  @Override
  public List<Lease> renewAll(List<Lease> leases, Instant newExpiry) {
    Objects.requireNonNull(newExpiry, "newExpiry");
    return this.leases.renewAll(leases, newExpiry);
  }

  @Override
  public long commit(Lease lease, Commit commit) {
    Objects.requireNonNull(commit, "commit");
    return leases.commit(lease, commit);
  }

  @Override
  public List<Checkpoint> checkpoints(String runId) {
    return events.checkpoints(runId);
  }

  @Override
  public List<Event> readEvents(String runId, long afterSeq, int limit) {
    return events.read(runId, afterSeq, limit);
  }

  @Override
  public List<Event> awaitEvents(String runId, long afterSeq, int limit, Duration maxWait)
      throws InterruptedException {
    return events.await(runId, afterSeq, limit, maxWait);
  }

  @Override
  public List<RunInfo> expiredLeases(Instant now, int limit) {
    return controls.expiredLeases(now, limit);
  }

  @Override
  public Optional<RunInfo> recoverExpired(String runId, Instant now, int maxRecoveries) {
    return controls.recoverExpired(runId, now, maxRecoveries);
  }

  @Override
  public Optional<RunInfo> recoverFromDeadOwner(
      String runId, String owner, Instant now, int maxRecoveries) {
    return controls.recoverFromDeadOwner(runId, owner, now, maxRecoveries);
  }

  @Override
  public Optional<RunInfo> requestCancel(String runId, String reason, Instant now) {
    return controls.requestCancel(runId, reason, now);
  }

  @Override
  public Optional<SignalResult> sendSignal(
      String runId, String name, String valueJson, Instant now) {
    return controls.sendSignal(runId, name, valueJson, now);
  }

  @Override
  public Optional<RetryResult> retryRun(String runId, String reason, Instant now) {
    return controls.retry(runId, reason, now);
  }

  @Override
  public List<RunControl> controls(String owner) {
    return controls.controls(owner);
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

  /**
   * Removes the listing entries of finished runs whose retention is over now, instead of at the
   * next background sweep; returns how many runs were removed.
   */
  public int sweepExpired() {
    return retention == null ? 0 : retention.sweep();
  }

  /** The number of queue partitions the data is laid out with. */
  public int partitions() {
    return redis.layout().partitions();
  }

  @Override
  public String describe() {
    return redis.connection().describe();
  }

  /** Stops the sweeper, closes the tail connections and the client. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (retention != null) {
      retention.close();
    }
    events.close();
    redis.close();
  }

  @Override
  public String toString() {
    return "RedisRunStore[" + describe() + "]";
  }
}
