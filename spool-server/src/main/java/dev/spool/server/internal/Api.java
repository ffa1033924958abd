package dev.spool.server.internal;

import dev.spool.InvalidInputException;
import dev.spool.Spool;
import dev.spool.store.StoreException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Assembles the API: its route table, and a Javalin app serving exactly those routes. */
public final class Api {
  /**
   * Connections the kernel queues before the server accepts them: a burst of hundreds of clients
   * must wait in line rather than be reset (Jetty's default is 50).
   */
  static final int ACCEPT_QUEUE = 1024;

  /**
   * Jetty drops a connection silent for this long. Longer than the longest wait a request may ask
   * for (a 5 minute result wait), so no legitimate wait is cut.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(6);

  private Api() {}

  private static ServerConnector connector(Server server, HttpConfiguration http, Settings s) {
    ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
    c.setHost(s.host());
    c.setPort(s.port());
    c.setAcceptQueueSize(ACCEPT_QUEUE);
    c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    return c;
  }

  /** Every route the server registers, in the order it registers them. */
  public static List<Route> routes(
      Spool spool, Settings settings, Blocking blocking, RunTails tails) {
    Bodies bodies = new Bodies(settings.maxBodyBytes());
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SystemRoutes(spool.store()).routes());
    routes.addAll(new WorkflowRoutes(spool).routes());
    routes.add(new StartRun(spool, bodies).route());
    routes.addAll(new RunRoutes(spool, tails, blocking).routes());
    routes.addAll(new HistoryRoutes(spool.store()).routes());
    routes.add(new EventRoutes(spool.store(), tails, settings.keepAlive(), blocking).route());
    routes.addAll(new ControlRoutes(spool, bodies).routes());
    routes.addAll(new DeploymentRoutes(spool, bodies).routes());
    routes.addAll(new RetryRoutes(spool, bodies).routes());
    return List.copyOf(routes);
  }

  public static Javalin create(List<Route> routes, Auth auth, Settings settings) {
    return Javalin.create(
        config -> {
          config.concurrency.useVirtualThreads = true;
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          // Streams must reach the client as written, and bodies are small JSON.
          config.http.compressionStrategy = CompressionStrategy.NONE;
          config.http.maxRequestSize = settings.maxBodyBytes();
          config.http.prefer405over404 = true;
          config.jetty.addConnector((server, http) -> connector(server, http, settings));
          if (settings.webUi()) {
            WebUi.serve(config);
          }
          config.routes.before(
              ctx -> {
                if (Cors.handle(ctx)) {
                  ctx.skipRemainingHandlers();
                }
              });
          for (Route r : routes) {
            config.routes.addHttpHandler(
                r.method(),
                r.path(),
                ctx -> {
                  auth.check(ctx, r.access());
                  r.handler().handle(ctx);
                });
          }
          config.routes.exception(ApiProblem.class, (e, ctx) -> Problems.write(ctx, e));
          config.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.write(ctx, e));
          config.routes.exception(StoreException.class, (e, ctx) -> Problems.write(ctx, e));
          config.routes.exception(
              InvalidInputException.class,
              (e, ctx) ->
                  Problems.write(
                      ctx, new ApiProblem(422, "invalid-input", "Invalid input", e.getMessage())));
          config.routes.exception(
              InterruptedException.class,
              (e, ctx) ->
                  Problems.write(
                      ctx,
                      new ApiProblem(
                          503,
                          "shutting-down",
                          "Server shutting down",
                          "the server is stopping; try again")));
          config.routes.exception(Exception.class, (e, ctx) -> Problems.unexpected(ctx, e));
        });
  }
}
