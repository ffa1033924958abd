package dev.spool.store.redis.internal;

import dev.spool.store.StoreException;
import dev.spool.store.StoreUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lettuce side: one client (standalone or cluster), one shared connection that every
 * non-blocking command is pipelined on, and fresh dedicated connections for blocking reads.
 *
 * <p>Outage behaviour: Lettuce reconnects by itself (backoff up to one second), but commands issued
 * while it is disconnected fail at once instead of being buffered, and commands that were in flight
 * when the connection broke fail instead of being sent again after the reconnect (a replayed script
 * could apply twice). Every command has a timeout. So a call fails with a {@link StoreException}
 * quickly, the caller retries, and fenced writes stay at most once.
 */
public final class Connection implements AutoCloseable {
  /** Blocking reads may take this much longer than their BLOCK time before they fail. */
  public static final Duration BLOCK_MARGIN = Duration.ofSeconds(5);

  /** Connecting (TCP, handshake, cluster topology) may take this long whatever the timeout. */
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);

  private final StoreUri uri;
  private final SharedResources.Lease resources;
  private final AbstractRedisClient client;
  private final RedisClusterAsyncCommands<String, String> async;

  private Connection(
      StoreUri uri,
      SharedResources.Lease resources,
      AbstractRedisClient client,
      StatefulConnection<String, String> shared) {
    this.uri = uri;
    this.resources = resources;
    this.client = client;
    this.async = commands(shared);
  }

  /** Connects, or fails with a {@link StoreException} that names the server. */
  public static Connection open(StoreUri uri) {
    SharedResources.Lease resources = SharedResources.acquire();
    AbstractRedisClient client = null;
    try {
      if (uri.cluster()) {
        RedisClusterClient c = RedisClusterClient.create(resources.get(), uri.nodes());
        ClusterClientOptions.Builder b = ClusterClientOptions.builder();
        configure(b, uri);
        b.topologyRefreshOptions(
            ClusterTopologyRefreshOptions.builder()
                .enableAllAdaptiveRefreshTriggers()
                .enablePeriodicRefresh(Duration.ofSeconds(30))
                .build());
        c.setOptions(b.build());
        client = c;
        return new Connection(uri, resources, c, c.connect(StringCodec.UTF8));
      }
      RedisClient c = RedisClient.create(resources.get(), uri.nodes().get(0));
      ClientOptions.Builder b = ClientOptions.builder();
      configure(b, uri);
      c.setOptions(b.build());
      client = c;
      return new Connection(uri, resources, c, c.connect(StringCodec.UTF8));
    } catch (RuntimeException e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      resources.release();
      if (e instanceof RedisException) {
        throw new StoreUnavailableException(
            "cannot connect to Redis at " + uri.describe() + ": " + rootMessage(e), e);
      }
      throw e;
    }
  }

  private static void configure(ClientOptions.Builder b, StoreUri uri) {
    // Not REJECT_COMMANDS: it also rejects commands to cluster nodes still being connected to.
    // The replay filter fails what would be buffered while disconnected, which is what we want.
    b.autoReconnect(true)
        .replayFilter(Connection::dropOnReconnect)
        .socketOptions(
            SocketOptions.builder()
                .connectTimeout(max(uri.timeout(), HANDSHAKE))
                .keepAlive(true)
                .build())
        .timeoutOptions(
            TimeoutOptions.builder().timeoutSource(new Timeouts(uri.timeout())).build());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * A command issued while disconnected, or in flight when the connection broke, fails at once
   * instead of waiting in Lettuce's buffer to be sent (again) after the reconnect.
   */
  private static boolean dropOnReconnect(RedisCommand<?, ?, ?> command) {
    command.completeExceptionally(
        new RedisConnectionException(
            "not connected to Redis (reconnecting); the command was not sent, or its answer was"
                + " lost"));
    return true;
  }

  @SuppressWarnings("unchecked")
  private static RedisClusterAsyncCommands<String, String> commands(
      StatefulConnection<String, String> c) {
    if (c instanceof StatefulRedisClusterConnection<String, String> cc) {
      return cc.async();
    }
    return ((StatefulRedisConnection<String, String>) c).async();
  }

  /** The shared connection's commands (standalone and cluster alike). */
  public RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /** A new connection of its own, for one blocking read at a time. */
  public BlockingConnection openBlocking() {
    try {
      StatefulConnection<String, String> c =
          client instanceof RedisClusterClient cc
              ? cc.connect(StringCodec.UTF8)
              : ((RedisClient) client).connect(StringCodec.UTF8);
      return new BlockingConnection(c, commands(c));
    } catch (RedisException e) {
      throw failure(e, "open a connection for a blocking read");
    }
  }

  /** Waits for a command with the store's timeout, translating failures. */
  public <T> T await(CompletionStage<T> f, String what) {
    return await(f, uri.timeout().plusSeconds(1), what);
  }

  public <T> T await(CompletionStage<T> f, Duration max, String what) {
    try {
      return f.toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for Redis to " + what, e);
    } catch (ExecutionException | CompletionException e) {
      throw failure(e.getCause() == null ? e : e.getCause(), what);
    } catch (TimeoutException e) {
      f.toCompletableFuture().cancel(false);
      throw new StoreException(
          "Redis at "
              + uri.describe()
              + " did not answer within "
              + max.toMillis()
              + " ms while trying to "
              + what,
          e);
    }
  }

  /** A Redis failure as a {@link StoreException} that says what was being done and where. */
  public StoreException failure(Throwable t, String what) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof StoreException s) {
      return s;
    }
    String where = "Redis at " + uri.describe();
    if (t instanceof RedisCommandTimeoutException) {
      return new StoreException(where + " did not answer in time while trying to " + what, t);
    }
    if (t instanceof RedisCommandExecutionException) {
      return new StoreException(where + " refused to " + what + ": " + t.getMessage(), t);
    }
    return new StoreException(
        where + " is unreachable (could not " + what + "): " + rootMessage(t), t);
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    return r == t ? m : t.getMessage() + " (" + m + ")";
  }

  public String describe() {
    return uri.describe();
  }

  public Duration timeout() {
    return uri.timeout();
  }

  /** Closes every connection of the client (the shared one and blocking ones) and the client. */
  @Override
  public void close() {
    try {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } finally {
      resources.release();
    }
  }

  /** Command timeouts: the store's for every command, a long one for blocking stream reads. */
  private static final class Timeouts extends TimeoutOptions.TimeoutSource {
    private final long millis;

    Timeouts(Duration timeout) {
      this.millis = timeout.toMillis();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
      if (!(command.getType() instanceof CommandType type)) {
        return millis;
      }
      return switch (type) {
        case XREAD -> TimeUnit.MINUTES.toMillis(10);
        // The connection handshake: a short store timeout must not make a busy client flap.
        case HELLO, AUTH, CLIENT, PING, SELECT, READONLY, CLUSTER ->
            Math.max(millis, HANDSHAKE.toMillis());
        default -> millis;
      };
    }

    @Override
    public TimeUnit getTimeUnit() {
      return TimeUnit.MILLISECONDS;
    }
  }

  /** A connection for blocking reads; closed (not reused) if a read was interrupted. */
  public record BlockingConnection(
      StatefulConnection<String, String> connection,
      RedisClusterAsyncCommands<String, String> commands)
      implements AutoCloseable {
    @Override
    public void close() {
      connection.closeAsync();
    }
  }
}
