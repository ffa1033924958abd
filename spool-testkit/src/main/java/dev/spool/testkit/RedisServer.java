package dev.spool.testkit;

import dev.spool.testkit.internal.Resp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process for tests, on a free loopback port, with its files in a
 * folder of the test's: nothing already running on the machine is used. Stopped by pid on {@link
 * #close()} (and by a shutdown hook if the test JVM dies first).
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start(tempDir)) {
 *   RunStore store = RunStores.open(redis.uri(), false);
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
  /** The binary, from Debian's {@code redis-server} package; {@code REDIS_SERVER} overrides it. */
  public static final String BINARY =
      System.getenv().getOrDefault("REDIS_SERVER", "/usr/bin/redis-server");

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "redis-reaper"));
  }

  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private volatile Process process;

  private RedisServer(Path dir, int port, List<String> extraArgs) {
    this.dir = dir;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** An in-memory server: no RDB snapshots, no AOF; a restart loses everything. */
  public static RedisServer start(Path dir) {
    return start(dir, freePort(false), List.of("--appendonly", "no"));
  }

  /**
   * A durable server: AOF with {@code appendfsync always}, so every write Redis acknowledged is on
   * disk first and survives {@link #kill9()} and {@link #restart()}.
   */
  public static RedisServer startDurable(Path dir) {
    return start(dir, freePort(false), List.of("--appendonly", "yes", "--appendfsync", "always"));
  }

  /**
   * A server on {@code port} with extra {@code redis-server} arguments (for example {@code
   * --cluster-enabled yes}); files go to {@code dir}, which is created.
   */
  public static RedisServer start(Path dir, int port, List<String> extraArgs) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisServer s = new RedisServer(dir, port, extraArgs);
    s.launch();
    return s;
  }

  private void launch() {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                BINARY,
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--dir",
                dir.toAbsolutePath().toString(),
                "--daemonize",
                "no",
                "--logfile",
                ""));
    cmd.addAll(extraArgs);
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(new File(dir.resolve("redis.log").toString())))
              .start();
      LIVE.add(p);
      process = p;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start " + BINARY + " (install Debian's redis-server package): " + e, e);
    }
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Resp r = Resp.connect(port, 500)) {
        Object pong = r.call("PING");
        if ("PONG".equals(pong)) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        // not listening yet, or still loading its AOF
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "redis-server on port " + port + " did not come up; its log:\n" + log());
      }
      sleep(20);
    }
  }

  public int port() {
    return port;
  }

  /** The store URI of this server: {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Runs one command on its own connection; error replies throw. */
  public Object command(String... args) {
    try (Resp r = Resp.connect(port, 2000)) {
      return r.call(args);
    } catch (IOException e) {
      throw new UncheckedIOException("Redis on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Empties every database. */
  public void flushAll() {
    command("FLUSHALL");
  }

  /** SIGKILL: no shutdown, no last save; what a crash or an OOM kill does. */
  public void kill9() {
    Process p = process;
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(p);
  }

  /** Starts the server again on the same port and folder (after {@link #kill9()}). */
  public void restart() {
    if (process.isAlive()) {
      kill9();
    }
    launch();
  }

  /** What redis-server wrote to its log. */
  public String log() {
    try {
      Path log = dir.resolve("redis.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    kill9();
  }

  /** A loopback port nobody listens on now (for a second listener, such as a TLS port). */
  public static int freePort() {
    return freePort(false);
  }

  /**
   * A loopback port nobody listens on; with {@code clusterBus}, also its cluster bus port (+10000).
   */
  static int freePort(boolean clusterBus) {
    for (int i = 0; i < 200; i++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 45_000);
      if (free(port) && (!clusterBus || free(port + 10_000))) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
