package dev.spool.server;

import dev.spool.Spool;
import dev.spool.server.internal.Api;
import dev.spool.server.internal.Auth;
import dev.spool.server.internal.Blocking;
import dev.spool.server.internal.Route;
import dev.spool.server.internal.RunTails;
import dev.spool.server.internal.Settings;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API plane over a {@link Spool}'s store and workflows: start runs, read their status,
 * stream their events with resume, signal and cancel them. It only enqueues runs and reads the
 * store; it never starts a worker or runs workflow code.
 *
 * <pre>{@code
 * try (SpoolServer server = SpoolServer.builder(spool).port(0).build().start()) {
 *   URI base = server.baseUri(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>The routes are described by {@code GET /v1/openapi.json}. The web UI is served at {@code /}
 * and the browser client at {@code /spool-client.js} (see {@link Builder#webUi(boolean)}).
 */
public final class SpoolServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolServer.class);

  private final Spool spool;
  private final Settings settings;
  private final Blocking blocking = new Blocking();
  private final RunTails tails;
  private final List<Route> routes;
  private final ReentrantLock lock = new ReentrantLock();
  private Javalin app;
  private boolean closed;

  private SpoolServer(Spool spool, Settings settings) {
    this.spool = spool;
    this.settings = settings;
    // A run's followers share one store waiter, which waits a keep-alive interval at a time.
    this.tails = new RunTails(spool.store(), settings.keepAlive());
    this.routes = Api.routes(spool, settings, blocking, tails);
  }

  public static Builder builder(Spool spool) {
    return new Builder(spool);
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws IllegalStateException if started before or closed
   */
  public SpoolServer start() {
    lock.lock();
    try {
      if (closed || app != null) {
        throw new IllegalStateException(closed ? "server is closed" : "server already started");
      }
      Javalin created =
          Api.create(routes, new Auth(spool.store().keys(), settings.requireApiKeys()), settings);
      created.start();
      app = created;
      LOG.info(
          "Spool API on {} (store {}, API keys {})",
          baseUri(),
          spool.store().describe(),
          settings.requireApiKeys() ? "required" : "not required");
      return this;
    } finally {
      lock.unlock();
    }
  }

  /** The port the server listens on: the one the OS chose when configured with 0. */
  public int port() {
    lock.lock();
    try {
      if (app == null) {
        throw new IllegalStateException("server is not started");
      }
      return app.port();
    } finally {
      lock.unlock();
    }
  }

  /** For example {@code http://127.0.0.1:7070}. */
  public URI baseUri() {
    String host = settings.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * Wakes every stream and wait (their clients see the stream end and resume elsewhere), then stops
   * the server. Idempotent. Does not close the store, which the caller owns.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      blocking.closeAll();
      tails.close();
      if (app != null) {
        app.stop();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The routes this server registers: what the OpenAPI check compares the document against. */
  List<Route> routes() {
    return routes;
  }

  /** What Javalin's router holds, as {@code "GET /v1/runs"}: proof the table is what is served. */
  List<String> registeredRoutes() {
    lock.lock();
    try {
      if (app == null) {
        throw new IllegalStateException("server is not started");
      }
      return app.unsafe.internalRouter.allHttpHandlers().stream()
          .filter(p -> p.endpoint.method.isHttpMethod()) // not the before-filter (CORS)
          .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** Requests that wait on the store right now (streams, long polls, result waits). */
  int activeWaits() {
    return blocking.active();
  }

  /** Runs followed through a shared tail right now. */
  int activeTails() {
    return tails.size();
  }

  /** Configures a {@link SpoolServer}. */
  public static final class Builder {
    private final Spool spool;
    private String host = "127.0.0.1";
    private int port = 7070;
    private boolean requireApiKeys = true;
    private long maxBodyBytes = 1 << 20;
    private Duration keepAlive = Duration.ofSeconds(15);
    private boolean webUi = true;

    private Builder(Spool spool) {
      this.spool = Objects.requireNonNull(spool, "spool");
    }

    /** The address to bind; default {@code 127.0.0.1} (this machine only). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 picks any free one ({@link SpoolServer#port()} tells which). Default 7070. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Whether {@code /v1/**} needs {@code Authorization: Bearer <key>} (default true). Turn it off
     * only where every caller is trusted, such as {@code spool dev} on loopback.
     */
    public Builder requireApiKeys(boolean require) {
      this.requireApiKeys = require;
      return this;
    }

    /** The largest request body accepted; default 1 MiB. */
    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** How often an idle event stream gets a keep-alive comment; default 15 s. */
    public Builder keepAlive(Duration interval) {
      this.keepAlive = Objects.requireNonNull(interval, "keepAlive");
      return this;
    }

    /**
     * Whether to serve the web UI at {@code /} and the browser client at {@code /spool-client.js}
     * (default true). Both only call the API, with the user's key when keys are required.
     */
    public Builder webUi(boolean serve) {
      this.webUi = serve;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a setting out of range, naming it
     */
    public SpoolServer build() {
      return new SpoolServer(
          spool, new Settings(host, port, requireApiKeys, maxBodyBytes, keepAlive, webUi));
    }
  }
}
