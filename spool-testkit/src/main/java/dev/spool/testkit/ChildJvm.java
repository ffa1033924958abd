package dev.spool.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on the test's own classpath, running one class's {@code main}: the worker a crash
 * test kills with SIGKILL and starts again. Its stderr goes to a log file the failures quote; its
 * stdout is read line by line, so a child tells it is ready by printing a line (its run id, say).
 * Killed on {@link #close()}, and by a shutdown hook if the test JVM dies first.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(Worker.class, dir.resolve("worker.log"))
 *     .args("start", db.toString())
 *     .start()) {
 *   String runId = child.awaitLine(Duration.ofSeconds(30));
 *   // … wait until it is part-way …
 *   assertThat(child.kill9()).isEqualTo(137);
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "child-jvm-reaper"));
  }

  /** A line of the child's stdout; {@link #END} after its last. */
  private record Line(String text) {}

  private static final Line END = new Line(null);

  private final Process process;
  private final Path log;
  private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
    // Reads stdout to its end, so the child never blocks on a full pipe.
    Thread.ofVirtual().name("child-jvm-" + process.pid() + "-stdout").start(this::readStdout);
  }

  /**
   * A child that runs {@code main}'s {@code main(String[])}, its stderr appended to {@code log}.
   */
  public static Builder builder(Class<?> main, Path log) {
    return new Builder(main, log);
  }

  /** What to start. */
  public static final class Builder {
    private final Class<?> main;
    private final Path log;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    private Builder(Class<?> main, Path log) {
      this.main = main;
      this.log = log;
    }

    /**
     * Options for the child's {@code java}, after {@code --enable-native-access=ALL-UNNAMED}
     * (SQLite's driver loads native code), for example {@code -XX:+UseSerialGC}.
     */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** The arguments of {@code main}. */
    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    /** Starts the child with this JVM's {@code java} and classpath. */
    public ChildJvm start() {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.addAll(jvmOptions);
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
      cmd.addAll(args);
      try {
        Process p =
            new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(log.toString())))
                .start();
        LIVE.add(p);
        return new ChildJvm(p, log);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + main.getName() + " in a child JVM", e);
      }
    }
  }

  private void readStdout() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(new Line(line));
      }
    } catch (IOException e) {
      // the child is gone; what it printed before is in the queue
    } finally {
      lines.add(END);
    }
  }

  /**
   * The next line the child prints on stdout.
   *
   * @throws IllegalStateException if it ends its output or the time passes first; the message
   *     quotes its log
   */
  public String awaitLine(Duration timeout) {
    Line line;
    try {
      line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the child's output", e);
    }
    if (line == null) {
      throw failure("printed no line within " + timeout);
    }
    if (line == END) {
      lines.add(END); // for the next call
      throw failure("closed its output before printing a line");
    }
    return line.text();
  }

  /**
   * Waits for the child to exit by itself.
   *
   * @return its exit code
   * @throws IllegalStateException if it still runs after {@code timeout}; the message quotes its
   *     log
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure("still runs after " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the child to exit", e);
    }
    LIVE.remove(process);
    return process.exitValue();
  }

  /**
   * SIGKILL by pid, as {@code kill -9} does: no shutdown hooks, no finally blocks, a crash. Waits
   * for the process to be gone.
   *
   * @return its exit code: 137 (128 + SIGKILL) on Linux
   */
  public int kill9() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    return awaitExit(Duration.ofSeconds(10));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the child wrote to stderr. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill9();
    }
    LIVE.remove(process);
  }

  private IllegalStateException failure(String what) {
    String state = process.isAlive() ? "running" : "exit code " + process.exitValue();
    return new IllegalStateException(
        "child JVM "
            + process.pid()
            + " ("
            + state
            + ") "
            + what
            + "; its log "
            + log
            + ":\n"
            + log());
  }
}
