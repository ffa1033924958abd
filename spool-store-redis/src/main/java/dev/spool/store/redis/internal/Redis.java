package dev.spool.store.redis.internal;

import dev.spool.store.StoreException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * What every part of the store shares: the connection, the key layout, the scripts, and where runs
 * placed away from their home partition live (runs created with an idempotency key live in their
 * key's partition, so the key and the run are written in one atomic script).
 */
public final class Redis implements AutoCloseable {
  private static final int PLACEMENT_CACHE = 100_000;

  private final Connection conn;
  private final Layout layout;
  private final Duration retention;
  private final Map<String, Integer> placed = new ConcurrentHashMap<>();

  public Redis(Connection conn, Layout layout, Duration retention) {
    this.conn = conn;
    this.layout = layout;
    this.retention = retention;
  }

  public Connection connection() {
    return conn;
  }

  public RedisClusterAsyncCommands<String, String> cmd() {
    return conn.async();
  }

  public Layout layout() {
    return layout;
  }

  /** How long finished runs are kept, in ms as the scripts take it (0: forever). */
  public String retentionMillis() {
    return Long.toString(retention.toMillis());
  }

  public Duration retention() {
    return retention;
  }

  /** Runs a script on the slot of {@code prefix}; NOSCRIPT sends the source once. */
  public CompletableFuture<List<Object>> evalAsync(Script s, String prefix, List<String> args) {
    String[] keys = {prefix};
    String[] argv = args.toArray(String[]::new);
    RedisClusterAsyncCommands<String, String> c = conn.async();
    return c.<List<Object>>evalsha(s.sha(), ScriptOutputType.MULTI, keys, argv)
        .toCompletableFuture()
        .exceptionallyCompose(
            e ->
                noScript(e)
                    ? c.<List<Object>>eval(s.source(), ScriptOutputType.MULTI, keys, argv)
                        .toCompletableFuture()
                    : CompletableFuture.failedFuture(e));
  }

  private static boolean noScript(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return t instanceof RedisNoScriptException
        || (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT"));
  }

  public List<Object> eval(Script s, String prefix, List<String> args, String what) {
    return conn.await(evalAsync(s, prefix, args), what);
  }

  /** Runs a script on every partition at once and returns their answers in partition order. */
  public List<List<Object>> evalAll(Script s, IntFunction<List<String>> args, String what) {
    List<CompletableFuture<List<Object>>> fs = new ArrayList<>();
    for (int p = 0; p < layout.partitions(); p++) {
      fs.add(evalAsync(s, layout.partition(p), args.apply(p)));
    }
    List<List<Object>> out = new ArrayList<>();
    for (CompletableFuture<List<Object>> f : fs) {
      out.add(conn.await(f, what));
    }
    return out;
  }

  /**
   * Runs a per-run script (first argument the run id) where the run lives: its known or home
   * partition, then, if the script answers {@code nosuch}, the partition its locator names.
   */
  public List<Object> onRun(String runId, Script s, List<String> args, String what) {
    int p = partitionOf(runId);
    List<Object> r = eval(s, layout.partition(p), args, what);
    if (Codec.is(r, "nosuch")) {
      Optional<Integer> elsewhere = locator(runId, p);
      if (elsewhere.isPresent()) {
        r = eval(s, layout.partition(elsewhere.get()), args, what);
      }
    }
    return r;
  }

  /** The partition a run lives in as far as this client knows: learned, or its home. */
  public int partitionOf(String runId) {
    Integer p = placed.get(runId);
    return p == null ? layout.home(runId) : p;
  }

  /**
   * The partition the run's locator names, if it has one and it differs from {@code tried}; the
   * answer is remembered.
   */
  public Optional<Integer> locator(String runId, int tried) {
    int home = layout.home(runId);
    String loc = conn.await(cmd().get(layout.partition(home) + "loc:" + runId), "locate a run");
    if (loc == null) {
      return Optional.empty();
    }
    int p;
    try {
      p = Integer.parseInt(loc);
    } catch (NumberFormatException e) {
      throw new StoreException("run " + runId + " has a bad locator '" + loc + "' in Redis");
    }
    if (p == tried || p < 0 || p >= layout.partitions()) {
      return Optional.empty();
    }
    remember(runId, p);
    return Optional.of(p);
  }

  /** Records that a run lives in partition {@code p} (only kept when that is not its home). */
  public void remember(String runId, int p) {
    if (p == layout.home(runId)) {
      return;
    }
    if (placed.size() >= PLACEMENT_CACHE) {
      placed.clear();
    }
    placed.put(runId, p);
  }

  @Override
  public void close() {
    conn.close();
  }
}
